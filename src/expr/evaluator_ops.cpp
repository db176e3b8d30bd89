// Unary and binary operators. Arithmetic converts operands to numbers, as Terraform does.
#include <cmath>

#include "expr/conversions.h"
#include "expr/evaluator_impl.h"
#include "expr/lexer.h"

namespace faultbox::expr {
namespace {

const char* op_text(BinaryOp op) {
  switch (op) {
    case BinaryOp::Add:
      return "+";
    case BinaryOp::Sub:
      return "-";
    case BinaryOp::Mul:
      return "*";
    case BinaryOp::Div:
      return "/";
    case BinaryOp::Mod:
      return "%";
    case BinaryOp::Lt:
      return "<";
    case BinaryOp::Le:
      return "<=";
    case BinaryOp::Gt:
      return ">";
    case BinaryOp::Ge:
      return ">=";
    case BinaryOp::Eq:
      return "==";
    case BinaryOp::Ne:
      return "!=";
    case BinaryOp::And:
      return "&&";
    case BinaryOp::Or:
      return "||";
  }
  return "?";
}

Result<Value> number_operand(const Value& v, const Node& node, const std::string& op) {
  if (v.is_null()) {
    return error_at(node.pos, "a null value cannot be an operand of " + op);
  }
  auto converted = convert_to_number(v);
  if (!converted) {
    return error_at(node.pos, "the operand of " + op + " must be a number, got " + v.type_name() +
                                  (v.is_string() ? " \"" + v.as_string() + "\"" : ""));
  }
  return converted;
}

}  // namespace

Result<Value> Evaluator::visit(const Node&, const UnaryNode& d) {
  if (d.op == UnaryOp::Not) {
    FAULTBOX_TRY(operand, condition_of(*d.operand, "the operand of !"));
    return operand.is_unknown() ? operand : Value::boolean(!operand.as_bool());
  }
  FAULTBOX_TRY(raw, eval(*d.operand));
  FAULTBOX_TRY(operand, number_operand(raw, *d.operand, "unary -"));
  return operand.is_unknown() ? operand : Value::number(-operand.as_number());
}

Result<Value> Evaluator::visit(const Node& n, const BinaryNode& d) {
  if (d.op == BinaryOp::And || d.op == BinaryOp::Or) {
    return logical(n, d);
  }
  FAULTBOX_TRY(lhs, eval(*d.lhs));
  FAULTBOX_TRY(rhs, eval(*d.rhs));
  if (d.op == BinaryOp::Eq || d.op == BinaryOp::Ne) {
    if (!lhs.is_wholly_known() || !rhs.is_wholly_known()) {
      return Value::unknown();
    }
    return Value::boolean((lhs == rhs) == (d.op == BinaryOp::Eq));
  }
  std::string op = op_text(d.op);
  FAULTBOX_TRY(a, number_operand(lhs, *d.lhs, op));
  FAULTBOX_TRY(b, number_operand(rhs, *d.rhs, op));
  if (a.is_unknown() || b.is_unknown()) {
    return Value::unknown();
  }
  return arithmetic(n, d.op, a, b);
}

Result<Value> Evaluator::arithmetic(const Node& n, BinaryOp op, const Value& lhs,
                                    const Value& rhs) {
  double a = lhs.as_number();
  double b = rhs.as_number();
  switch (op) {
    case BinaryOp::Add:
      return Value::number(a + b);
    case BinaryOp::Sub:
      return Value::number(a - b);
    case BinaryOp::Mul:
      return Value::number(a * b);
    case BinaryOp::Div:
    case BinaryOp::Mod:
      if (b == 0) {
        return error_at(n.pos, "division by zero");
      }
      return Value::number(op == BinaryOp::Div ? a / b : std::fmod(a, b));
    case BinaryOp::Lt:
      return Value::boolean(a < b);
    case BinaryOp::Le:
      return Value::boolean(a <= b);
    case BinaryOp::Gt:
      return Value::boolean(a > b);
    case BinaryOp::Ge:
      return Value::boolean(a >= b);
    default:
      return error_at(n.pos, "unsupported operator");
  }
}

// `&&` and `||` skip their right side once the left decides, so `x != null && x.y` works.
Result<Value> Evaluator::logical(const Node&, const BinaryNode& d) {
  const std::string op = op_text(d.op);
  FAULTBOX_TRY(lhs, condition_of(*d.lhs, ("the left operand of " + op).c_str()));
  bool decisive = d.op == BinaryOp::Or;
  if (!lhs.is_unknown() && lhs.as_bool() == decisive) {
    return lhs;
  }
  FAULTBOX_TRY(rhs, condition_of(*d.rhs, ("the right operand of " + op).c_str()));
  if (!rhs.is_unknown() && rhs.as_bool() == decisive) {
    return rhs;
  }
  if (lhs.is_unknown() || rhs.is_unknown()) {
    return Value::unknown();
  }
  return rhs;
}

}  // namespace faultbox::expr
