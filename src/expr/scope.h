// What an expression can see: root names the caller resolves, and the functions it may call.
#pragma once

#include <string_view>

#include "core/result.h"
#include "expr/function_registry.h"
#include "expr/value.h"

namespace faultbox::expr {

class Scope {
 public:
  virtual ~Scope() = default;
  // The value of a root name ("var", "local", "aws_elb", "count", "each", "path", ...). An error
  // says why it is not available, without a source position (the evaluator adds it). Unknown
  // values are fine and propagate.
  virtual Result<Value> lookup_root(std::string_view name) const = 0;
  // The default is the standard library with files relative to the working directory.
  virtual const FunctionRegistry& functions() const;
};

// A scope over a fixed map of root names, for tests and templatefile().
class MapScope : public Scope {
 public:
  explicit MapScope(Value::Attributes roots, const FunctionRegistry* functions = nullptr)
      : roots_(std::move(roots)), functions_(functions) {}
  Result<Value> lookup_root(std::string_view name) const override;
  const FunctionRegistry& functions() const override;

 private:
  Value::Attributes roots_;
  const FunctionRegistry* functions_;
};

}  // namespace faultbox::expr
