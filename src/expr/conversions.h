// Terraform's safe type conversions: number/bool <-> string, tuple -> list/set, object -> map.
#pragma once

#include <string>

#include "core/result.h"
#include "expr/value.h"

namespace faultbox::expr {

// Each returns null for null and unknown for unknown; the error message says what could not be
// converted to what (without a source position: the caller adds it).
Result<Value> convert_to_string(const Value& v);
Result<Value> convert_to_number(const Value& v);
Result<Value> convert_to_bool(const Value& v);
Result<Value> convert_to_list(const Value& v);
Result<Value> convert_to_set(const Value& v);
Result<Value> convert_to_map(const Value& v);

// A known, non-null primitive as template text; an error for null and collections.
Result<std::string> text_of(const Value& v);

// Makes element types agree, as a list's must: mixed primitives all become strings; mixed
// structural kinds are an error.
Result<Value::Elements> unify_elements(Value::Elements elements);

}  // namespace faultbox::expr
