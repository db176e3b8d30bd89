// Evaluation of literals, variables, constructors, conditionals and calls.
#include "expr/evaluator.h"

#include "expr/conversions.h"
#include "expr/evaluation_budget.h"
#include "expr/evaluator_impl.h"
#include "expr/lexer.h"

namespace faultbox::expr {

Result<Value> evaluate(const Expression& expression, const Scope& scope) {
  Evaluator evaluator(scope);
  return evaluator.eval(expression.root());
}

Evaluator::Binding::Binding(Evaluator& e, const std::string& key_var, Value key,
                            const std::string& value_var, Value value)
    : evaluator_(e), depth_(e.locals_.size()) {
  if (!key_var.empty()) {
    e.locals_.emplace_back(key_var, std::move(key));
  }
  e.locals_.emplace_back(value_var, std::move(value));
}

Evaluator::Binding::~Binding() { evaluator_.locals_.resize(depth_); }

Result<Value> Evaluator::eval(const Node& node) {
  if (auto spent = EvaluationBudget::spend_step(); !spent) {
    return error_at(node.pos, spent.error().message);
  }
  return std::visit([&](const auto& data) { return visit(node, data); }, node.data);
}

Result<Value> Evaluator::visit(const Node&, const LiteralNode& d) { return d.value; }

Result<Value> Evaluator::visit(const Node& n, const VariableNode& d) {
  for (auto it = locals_.rbegin(); it != locals_.rend(); ++it) {
    if (it->first == d.name) {
      return it->second;
    }
  }
  auto value = scope_.lookup_root(d.name);
  if (!value) {
    return error_at(n.pos, value.error().message);
  }
  return value;
}

Result<Value> Evaluator::condition_of(const Node& n, const char* what) {
  FAULTBOX_TRY(value, eval(n));
  if (value.is_null()) {
    return error_at(n.pos, std::string(what) + " is null; a bool is required");
  }
  auto converted = convert_to_bool(value);
  if (!converted) {
    return error_at(n.pos, std::string(what) + " must be a bool, got " + value.type_name());
  }
  return converted;
}

Result<Value> Evaluator::visit(const Node&, const ConditionalNode& d) {
  FAULTBOX_TRY(condition, condition_of(*d.condition, "the condition"));
  if (condition.is_unknown()) {
    return Value::unknown();
  }
  return eval(condition.as_bool() ? *d.then_expr : *d.else_expr);
}

Result<Value> Evaluator::visit(const Node&, const TupleNode& d) {
  Value::Elements items;
  for (const auto& item : d.items) {
    FAULTBOX_TRY(value, eval(*item));
    items.push_back(std::move(value));
  }
  return Value::tuple(std::move(items));
}

Result<Value> Evaluator::visit(const Node&, const ObjectNode& d) {
  Value::Attributes attributes;
  bool unknown_key = false;
  for (const auto& [key_node, value_node] : d.items) {
    FAULTBOX_TRY(key, eval(*key_node));
    FAULTBOX_TRY(value, eval(*value_node));
    if (key.is_unknown()) {
      unknown_key = true;
      continue;
    }
    auto name = key.is_null() ? Result<Value>(errors::validation("")) : convert_to_string(key);
    if (!name) {
      return error_at(key_node->pos, "an object key must be a string, got " + key.type_name());
    }
    attributes.insert_or_assign(name->as_string(), std::move(value));
  }
  return unknown_key ? Value::unknown() : Value::object(std::move(attributes));
}

Result<Value> Evaluator::visit(const Node& n, const CallNode& d) {
  std::vector<Thunk> thunks;
  size_t plain = d.args.size() - (d.expand_last ? 1 : 0);
  for (size_t i = 0; i < plain; ++i) {
    const Node* arg = d.args[i].get();
    thunks.emplace_back([this, arg]() { return eval(*arg); });
  }
  Value::Elements expanded;
  if (d.expand_last) {
    FAULTBOX_TRY(last, eval(*d.args.back()));
    if (last.is_unknown()) {
      return Value::unknown();
    }
    if (!last.is_sequence()) {
      return error_at(d.args.back()->pos,
                      "the argument expanded with '...' must be a list, got " + last.type_name());
    }
    expanded = last.elements();
  }
  for (const auto& value : expanded) {
    thunks.emplace_back([&value]() -> Result<Value> { return value; });
  }
  return scope_.functions().call(d.name, thunks, n.pos);
}

}  // namespace faultbox::expr
