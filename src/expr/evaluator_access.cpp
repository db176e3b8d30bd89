// Attribute access, indexing and splats.
#include <cmath>

#include "expr/conversions.h"
#include "expr/evaluator_impl.h"
#include "expr/lexer.h"

namespace faultbox::expr {

Result<Value> Evaluator::visit(const Node& n, const GetAttrNode& d) {
  FAULTBOX_TRY(source, eval(*d.source));
  std::string subject = describe(*d.source);
  if (source.is_unknown()) {
    return Value::unknown();
  }
  if (source.is_null()) {
    return error_at(n.pos, "cannot read attribute \"" + d.name + "\": " + subject + " is null");
  }
  if (!source.is_mapping()) {
    std::string hint =
        source.is_sequence() ? "; use a splat ([*]) or an index to reach elements" : "";
    return error_at(n.pos, "unsupported attribute \"" + d.name + "\": " + subject + " is a " +
                               source.type_name() + hint);
  }
  if (const Value* found = source.find(d.name)) {
    return *found;
  }
  if (source.kind() == Kind::Map) {
    return error_at(n.pos, "map " + subject + " has no element \"" + d.name + "\"");
  }
  return error_at(n.pos, "unsupported attribute \"" + d.name + "\" on " + subject);
}

Result<Value> Evaluator::visit(const Node& n, const IndexNode& d) {
  FAULTBOX_TRY(source, eval(*d.source));
  FAULTBOX_TRY(key, eval(*d.key));
  std::string subject = describe(*d.source);
  if (source.is_unknown() || key.is_unknown()) {
    return Value::unknown();
  }
  if (source.is_null()) {
    return error_at(n.pos, "cannot index " + subject + ": it is null");
  }
  if (key.is_null()) {
    return error_at(d.key->pos, "an index must not be null");
  }
  if (source.kind() == Kind::Set) {
    return error_at(n.pos, "cannot index " + subject + ": it is a set; convert it with tolist()");
  }
  if (source.is_sequence()) {
    return index_sequence(n, d, source, key);
  }
  if (!source.is_mapping()) {
    return error_at(n.pos, "cannot index " + subject + ": it is a " + source.type_name());
  }
  auto name = convert_to_string(key);
  if (!name) {
    return error_at(d.key->pos,
                    "a " + source.type_name() + " key must be a string, got " + key.type_name());
  }
  if (const Value* found = source.find(name->as_string())) {
    return *found;
  }
  return error_at(n.pos, subject + " has no element \"" + name->as_string() + "\"");
}

Result<Value> Evaluator::index_sequence(const Node& n, const IndexNode& d, const Value& seq,
                                        Value key) {
  auto number = convert_to_number(key);
  if (!number) {
    return error_at(d.key->pos,
                    "a " + seq.type_name() + " index must be a number, got " + key.type_name());
  }
  double i = number->as_number();
  size_t size = seq.elements().size();
  if (i != std::floor(i)) {
    return error_at(d.key->pos, "index " + format_number(i) + " is not a whole number");
  }
  if (i < 0 || i >= static_cast<double>(size)) {
    return error_at(n.pos, "index " + format_number(i) + " out of range for " +
                               describe(*d.source) + " (" + std::to_string(size) + " elements)");
  }
  return seq.elements()[static_cast<size_t>(i)];
}

// A null source splats to an empty tuple and a single value to a one-element tuple, as in HCL.
Result<Value> Evaluator::visit(const Node&, const SplatNode& d) {
  FAULTBOX_TRY(source, eval(*d.source));
  if (source.is_unknown()) {
    return Value::unknown();
  }
  if (source.is_null()) {
    return Value::tuple({});
  }
  Value::Elements inputs = source.is_sequence() ? source.elements() : Value::Elements{source};
  Value::Elements outputs;
  for (auto& item : inputs) {
    splat_items_.push_back(std::move(item));
    auto value = eval(*d.each);
    splat_items_.pop_back();
    if (!value) {
      return value.error();
    }
    outputs.push_back(std::move(*value));
  }
  bool as_list = source.kind() == Kind::List || source.kind() == Kind::Set;
  return as_list ? Value::list(std::move(outputs)) : Value::tuple(std::move(outputs));
}

Result<Value> Evaluator::visit(const Node& n, const SplatItemNode&) {
  if (splat_items_.empty()) {
    return error_at(n.pos, "splat element used outside a splat");
  }
  return splat_items_.back();
}

}  // namespace faultbox::expr
