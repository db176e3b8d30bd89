// Type conversion functions (tostring ... tomap) and the error-handling pair try() and can().
#include "expr/function_args.h"
#include "expr/functions.h"
#include "expr/lexer.h"

namespace faultbox::expr {
namespace {

Function converter(Result<Value> (*convert)(const Value&)) {
  return {.min_args = 1,
          .max_args = 1,
          .allow_unknown = true,
          .allow_null = true,
          .eager = [convert](const Args& a, const CallContext&) { return convert(a[0]); }};
}

// The first argument that evaluates without error. An unknown result stops the search: whether
// it would fail is not known until apply.
Result<Value> try_fn(const std::vector<Thunk>& args, const CallContext& ctx) {
  if (args.empty()) {
    return error_at(ctx.pos, "try(): at least one argument is required");
  }
  std::string last_error;
  for (const auto& arg : args) {
    auto value = arg();
    if (value) {
      return value->is_wholly_known() ? *value : Value::unknown();
    }
    last_error = value.error().message;
  }
  return error_at(ctx.pos, "try(): no argument succeeded; the last error was: " + last_error);
}

Result<Value> can_fn(const std::vector<Thunk>& args, const CallContext& ctx) {
  if (args.size() != 1) {
    return error_at(ctx.pos, "can(): expected 1 argument, got " + std::to_string(args.size()));
  }
  auto value = args[0]();
  if (!value) {
    return Value::boolean(false);
  }
  return value->is_wholly_known() ? Value::boolean(true) : Value::unknown();
}

}  // namespace

void register_type_functions(FunctionRegistry& r) {
  r.add("tostring", converter(convert_to_string));
  r.add("tonumber", converter(convert_to_number));
  r.add("tobool", converter(convert_to_bool));
  r.add("tolist", converter(convert_to_list));
  r.add("toset", converter(convert_to_set));
  r.add("tomap", converter(convert_to_map));
  r.add("try", {.lazy = try_fn});
  r.add("can", {.lazy = can_fn});
}

}  // namespace faultbox::expr
