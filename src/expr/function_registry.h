// The functions an expression may call, by name. Most take evaluated arguments; try() and can()
// take lazy ones, since they must see an argument's evaluation error.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "expr/source_pos.h"
#include "expr/value.h"

namespace faultbox::expr {

class FunctionRegistry;

// What a function may know about its call site.
struct CallContext {
  SourcePos pos;
  const FunctionRegistry* functions = nullptr;
  // Base directory for file(), templatefile() and friends (a module's path).
  std::filesystem::path base_dir;
};

using Args = std::vector<Value>;
// Evaluates one argument on demand; its error already names its source position.
using Thunk = std::function<Result<Value>()>;

struct Function {
  int min_args = 0;
  int max_args = -1;  // -1: variadic
  // Without this, a call with any unknown inside its arguments yields unknown without running.
  bool allow_unknown = false;
  // Without this, a null argument is an error.
  bool allow_null = false;
  std::function<Result<Value>(const Args&, const CallContext&)> eager;
  // Set instead of `eager` for functions that decide whether to evaluate an argument.
  std::function<Result<Value>(const std::vector<Thunk>&, const CallContext&)> lazy;
};

class FunctionRegistry {
 public:
  explicit FunctionRegistry(std::filesystem::path base_dir = ".")
      : base_dir_(std::move(base_dir)) {}

  // Adds or replaces a function.
  void add(std::string name, Function function);
  const Function* find(std::string_view name) const;
  std::vector<std::string> names() const;
  const std::filesystem::path& base_dir() const { return base_dir_; }
  // The time timestamp() answers with; the system clock unless a lab or test clock is set.
  void set_clock(const Clock* clock) { clock_ = clock; }
  TimePoint now() const;
  // While planning, uuid() and timestamp() are unknown ("known after apply"), as in Terraform:
  // their values are chosen when the plan is applied.
  void set_planning(bool planning) { planning_ = planning; }
  bool planning() const { return planning_; }

  // Checks arity, nulls and unknowns, then runs the function. Errors read
  // "<pos>: <name>(): <what was wrong>"; an unknown name is an error naming it.
  Result<Value> call(std::string_view name, const std::vector<Thunk>& args,
                     const SourcePos& pos) const;
  // The same with evaluated arguments.
  Result<Value> call(std::string_view name, const Args& args, const SourcePos& pos) const;

 private:
  Result<Value> call_eager(std::string_view name, const Function& f, const Args& args,
                           const CallContext& ctx) const;

  std::map<std::string, Function, std::less<>> functions_;
  std::filesystem::path base_dir_;
  const Clock* clock_ = nullptr;
  bool planning_ = false;
};

// Every built-in function; file functions resolve relative paths against base_dir.
FunctionRegistry standard_functions(std::filesystem::path base_dir = ".");

}  // namespace faultbox::expr
