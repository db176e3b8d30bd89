// Variable type constraints (`string`, `list(number)`, `object({...})`, `any`) and Terraform's
// conversion of a value to one.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "expr/expression.h"
#include "expr/value.h"

namespace faultbox::stack {

struct TypeConstraint {
  enum class Kind { Any, String, Number, Bool, List, Set, Map, Object, Tuple };
  Kind kind = Kind::Any;
  std::vector<TypeConstraint> elements;              // List/Set/Map: one; Tuple: each
  std::map<std::string, TypeConstraint> attributes;  // Object

  // As written in HCL: "list(string)", "object({name=string})".
  std::string to_string() const;
};

// Reads a type expression: `string`, `map(list(number))`, `object({a = string})`.
Result<TypeConstraint> parse_type_constraint(const expr::Expression& expression);
// The same from text, as *.tf.json gives it ("list(string)" or "${list(string)}").
Result<TypeConstraint> parse_type_constraint(std::string_view text, const expr::SourcePos& pos);

// Converts `value` as Terraform does (e.g. "3" to number 3, tuple to list); the error says which
// type was given and which was wanted, without naming the variable (the caller adds it).
Result<expr::Value> convert_to_type(const expr::Value& value, const TypeConstraint& type);

}  // namespace faultbox::stack
