// Function lookup and the checks every call goes through.
#include "expr/function_registry.h"

#include "expr/evaluation_budget.h"
#include "expr/lexer.h"
#include "expr/scope.h"

namespace faultbox::expr {

void FunctionRegistry::add(std::string name, Function function) {
  functions_.insert_or_assign(std::move(name), std::move(function));
}

const Function* FunctionRegistry::find(std::string_view name) const {
  auto it = functions_.find(name);
  return it == functions_.end() ? nullptr : &it->second;
}

TimePoint FunctionRegistry::now() const {
  if (clock_ != nullptr) {
    return clock_->now();
  }
  return std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
}

std::vector<std::string> FunctionRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& kv : functions_) {
    out.push_back(kv.first);
  }
  return out;
}

Result<Value> FunctionRegistry::call(std::string_view name, const std::vector<Thunk>& args,
                                     const SourcePos& pos) const {
  const Function* f = find(name);
  if (f == nullptr) {
    return error_at(pos, "call to unknown function \"" + std::string(name) + "\"");
  }
  CallContext ctx{pos, this, base_dir_};
  if (f->lazy) {
    return f->lazy(args, ctx);
  }
  Args values;
  for (const auto& thunk : args) {
    FAULTBOX_TRY(value, thunk());
    values.push_back(std::move(value));
  }
  return call_eager(name, *f, values, ctx);
}

Result<Value> FunctionRegistry::call(std::string_view name, const Args& args,
                                     const SourcePos& pos) const {
  std::vector<Thunk> thunks;
  for (const auto& arg : args) {
    thunks.emplace_back([&arg]() -> Result<Value> { return arg; });
  }
  return call(name, thunks, pos);
}

Result<Value> FunctionRegistry::call_eager(std::string_view name, const Function& f,
                                           const Args& args, const CallContext& ctx) const {
  std::string where = std::string(name) + "(): ";
  int count = static_cast<int>(args.size());
  if (count < f.min_args || (f.max_args >= 0 && count > f.max_args)) {
    std::string expected = f.min_args == f.max_args ? std::to_string(f.min_args)
                           : f.max_args < 0
                               ? "at least " + std::to_string(f.min_args)
                               : std::to_string(f.min_args) + " to " + std::to_string(f.max_args);
    return error_at(ctx.pos,
                    where + "expected " + expected + " argument(s), got " + std::to_string(count));
  }
  for (size_t i = 0; i < args.size(); ++i) {
    if (!f.allow_unknown && !args[i].is_wholly_known()) {
      return Value::unknown();
    }
    if (!f.allow_null && args[i].is_null()) {
      return error_at(ctx.pos, where + "argument " + std::to_string(i + 1) + " must not be null");
    }
  }
  auto result = f.eager(args, ctx);
  if (!result) {
    return error_at(ctx.pos, where + result.error().message);
  }
  if (result->kind() == Kind::String) {
    auto bytes = result->as_string().size();
    if (auto fits = check_string_size(bytes, "its result"); !fits) {
      return error_at(ctx.pos, where + fits.error().message);
    }
    if (auto spent = EvaluationBudget::spend_bytes(bytes); !spent) {
      return error_at(ctx.pos, where + spent.error().message);
    }
  }
  return result;
}

const FunctionRegistry& Scope::functions() const {
  static const FunctionRegistry kStandard = standard_functions(".");
  return kStandard;
}

Result<Value> MapScope::lookup_root(std::string_view name) const {
  auto it = roots_.find(name);
  if (it == roots_.end()) {
    return errors::validation("unknown variable \"" + std::string(name) + "\"");
  }
  return it->second;
}

const FunctionRegistry& MapScope::functions() const {
  return functions_ != nullptr ? *functions_ : Scope::functions();
}

}  // namespace faultbox::expr
