// `for` expressions and templates (which share iteration).
#include <map>

#include "expr/conversions.h"
#include "expr/evaluation_budget.h"
#include "expr/evaluator_impl.h"
#include "expr/lexer.h"

namespace faultbox::expr {

// Sequences iterate with numeric keys (sets with the element itself), mappings with names.
Result<std::optional<Evaluator::Items>> Evaluator::items_of(const Node& collection,
                                                            const char* what) {
  FAULTBOX_TRY(value, eval(collection));
  Items items;
  if (value.is_unknown()) {
    return std::optional<Items>();
  }
  if (value.is_null()) {
    return error_at(collection.pos, std::string(what) + " cannot iterate over a null value");
  }
  if (value.is_sequence()) {
    double i = 0;
    for (const auto& e : value.elements()) {
      items.emplace_back(value.kind() == Kind::Set ? e : Value::number(i++), e);
    }
  } else if (value.is_mapping()) {
    for (const auto& [k, v] : value.attributes()) {
      items.emplace_back(Value::string(k), v);
    }
  } else {
    return error_at(collection.pos, std::string(what) + " cannot iterate over a " +
                                        value.type_name() + "; a collection is required");
  }
  return items;
}

Result<Value> Evaluator::visit(const Node& n, const ForNode& d) {
  FAULTBOX_TRY(items, items_of(*d.collection, "a for expression"));
  if (!items) {
    return Value::unknown();
  }
  if (d.key_expr) {
    return for_object(n, d, *items);
  }
  Value::Elements out;
  for (const auto& [key, value] : *items) {
    Binding bind(*this, d.key_var, key, d.value_var, value);
    FAULTBOX_TRY(keep, for_keeps(d));
    if (keep.is_unknown()) {
      return Value::unknown();
    }
    if (!keep.as_bool()) {
      continue;
    }
    FAULTBOX_TRY(item, eval(*d.value_expr));
    out.push_back(std::move(item));
  }
  return Value::tuple(std::move(out));
}

Result<Value> Evaluator::for_keeps(const ForNode& d) {
  if (!d.condition) {
    return Value::boolean(true);
  }
  return condition_of(*d.condition, "the for expression's if clause");
}

Result<Value> Evaluator::for_object(const Node& n, const ForNode& d, const Items& items) {
  std::map<std::string, Value::Elements> groups;
  Value::Attributes out;
  for (const auto& [key, value] : items) {
    Binding bind(*this, d.key_var, key, d.value_var, value);
    FAULTBOX_TRY(keep, for_keeps(d));
    if (keep.is_unknown()) {
      return Value::unknown();
    }
    if (!keep.as_bool()) {
      continue;
    }
    FAULTBOX_TRY(raw_key, eval(*d.key_expr));
    FAULTBOX_TRY(item, eval(*d.value_expr));
    if (raw_key.is_unknown()) {
      return Value::unknown();
    }
    auto name =
        raw_key.is_null() ? Result<Value>(errors::validation("")) : convert_to_string(raw_key);
    if (!name) {
      return error_at(d.key_expr->pos,
                      "a for expression's key must be a string, got " + raw_key.type_name());
    }
    const std::string& k = name->as_string();
    if (d.grouping) {
      groups[k].push_back(std::move(item));
    } else if (!out.emplace(k, std::move(item)).second) {
      return error_at(n.pos, "duplicate key \"" + k +
                                 "\" in a for expression; add '...' after the value to group");
    }
  }
  for (auto& [k, members] : groups) {
    out.emplace(k, Value::tuple(std::move(members)));
  }
  return Value::object(std::move(out));
}

// A template part as text, or unknown.
Result<Value> Evaluator::text(const Node& part) {
  FAULTBOX_TRY(value, eval(part));
  if (value.is_unknown()) {
    return value;
  }
  auto converted = text_of(value);
  if (!converted) {
    return error_at(part.pos, converted.error().message);
  }
  return Value::string(std::move(*converted));
}

Result<Value> Evaluator::visit(const Node&, const TemplateNode& d) {
  std::string out;
  bool unknown = false;
  for (const auto& part : d.parts) {
    FAULTBOX_TRY(piece, text(*part));
    unknown = unknown || piece.is_unknown();
    if (!unknown) {
      FAULTBOX_TRY_VOID(check_string_size(out.size() + piece.as_string().size(), "the template"));
      out += piece.as_string();
    }
  }
  if (unknown) {
    return Value::unknown();
  }
  FAULTBOX_TRY_VOID(EvaluationBudget::spend_bytes(out.size()));
  return Value::string(std::move(out));
}

Result<Value> Evaluator::visit(const Node&, const TemplateIfNode& d) {
  FAULTBOX_TRY(condition, condition_of(*d.condition, "the %{ if } condition"));
  if (condition.is_unknown()) {
    return condition;
  }
  return text(condition.as_bool() ? *d.then_part : *d.else_part);
}

Result<Value> Evaluator::visit(const Node&, const TemplateForNode& d) {
  FAULTBOX_TRY(items, items_of(*d.collection, "a %{ for } directive"));
  if (!items) {
    return Value::unknown();
  }
  std::string out;
  for (const auto& [key, value] : *items) {
    Binding bind(*this, d.key_var, key, d.value_var, value);
    FAULTBOX_TRY(piece, text(*d.body));
    if (piece.is_unknown()) {
      return piece;
    }
    FAULTBOX_TRY_VOID(
        check_string_size(out.size() + piece.as_string().size(), "the %{ for } directive"));
    out += piece.as_string();
  }
  return Value::string(std::move(out));
}

}  // namespace faultbox::expr
