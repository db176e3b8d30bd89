// Evaluates a parsed expression against a scope.
#pragma once

#include "core/result.h"
#include "expr/expression.h"
#include "expr/scope.h"

namespace faultbox::expr {

// The expression's value. Errors are ValidationException with "<file>:<line>:<col>: <what>",
// e.g. `main.tf.json:12:5: unsupported attribute "dns_nam" on aws_elb.this`. An operation
// that reads an unknown value yields unknown instead of failing.
Result<Value> evaluate(const Expression& expression, const Scope& scope);

}  // namespace faultbox::expr
