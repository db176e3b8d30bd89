// The registry: custom functions, arity and null checks, unknown short-circuit, lazy arguments.
#include "expr_test_support.h"

namespace faultbox::expr {
namespace {

// A caller-implemented scope, as the stack module writes one.
class StackScope : public Scope {
 public:
  explicit StackScope(const FunctionRegistry& functions) : functions_(functions) {}
  Result<Value> lookup_root(std::string_view name) const override {
    if (name == "var") {
      return testing::j(R"({"n": 2})");
    }
    return errors::not_found("reference to undeclared resource type \"" + std::string(name) + "\"");
  }
  const FunctionRegistry& functions() const override { return functions_; }

 private:
  const FunctionRegistry& functions_;
};

FunctionRegistry custom_registry() {
  FunctionRegistry r = standard_functions();
  r.add("double", {.min_args = 1,
                   .max_args = 1,
                   .eager = [](const Args& a, const CallContext&) -> Result<Value> {
                     return Value::number(a[0].as_number() * 2);
                   }});
  r.add("first_ok", {.lazy = [](const std::vector<Thunk>& args, const CallContext&) {
          for (const auto& arg : args) {
            if (auto v = arg()) {
              return Result<Value>(*v);
            }
          }
          return Result<Value>(errors::validation("none"));
        }});
  r.add("fails", {.eager = [](const Args&, const CallContext&) -> Result<Value> {
          return errors::validation("it broke");
        }});
  return r;
}

TEST(FunctionRegistry, CustomFunctionsAndScope) {
  FunctionRegistry r = custom_registry();
  StackScope scope(r);
  EXPECT_EQ(testing::outcome(testing::eval("double(var.n) + 1", scope)), "5");
  EXPECT_EQ(testing::outcome(testing::eval("first_ok(nope.x, var.n)", scope)), "2");
  EXPECT_EQ(testing::outcome(testing::eval("fails()", scope)),
            "error: t.tf:1:1: fails(): it broke");
  EXPECT_EQ(testing::outcome(testing::eval("aws_nope.x.id", scope)),
            "error: t.tf:1:1: reference to undeclared resource type \"aws_nope\"");
  EXPECT_NE(r.find("double"), nullptr);
  EXPECT_EQ(r.find("nope"), nullptr);
}

TEST(FunctionRegistry, DirectCallsCheckArityNullAndUnknown) {
  FunctionRegistry r = standard_functions();
  SourcePos pos{"main.tf", 2, 3};
  EXPECT_EQ(r.call("upper", Args{Value::string("a")}, pos)->as_string(), "A");
  EXPECT_EQ(r.call("upper", Args{}, pos).error().message,
            "main.tf:2:3: upper(): expected 1 argument(s), got 0");
  EXPECT_EQ(r.call("substr", Args{Value::string("a")}, pos).error().message,
            "main.tf:2:3: substr(): expected 3 argument(s), got 1");
  EXPECT_EQ(r.call("lookup", Args{Value::object({})}, pos).error().message,
            "main.tf:2:3: lookup(): expected 2 to 3 argument(s), got 1");
  EXPECT_TRUE(r.call("upper", Args{Value::unknown()}, pos)->is_unknown());
  EXPECT_EQ(r.call("nosuch", Args{}, pos).error().message,
            "main.tf:2:3: call to unknown function \"nosuch\"");
}

TEST(FunctionRegistry, StandardLibraryHasTheRequiredFunctions) {
  FunctionRegistry r = standard_functions();
  for (const char* name :
       {"jsonencode",   "jsondecode", "format",     "join",         "split",     "lower",
        "upper",        "trimspace",  "replace",    "substr",       "length",    "element",
        "index",        "contains",   "lookup",     "merge",        "concat",    "flatten",
        "distinct",     "keys",       "values",     "zipmap",       "range",     "min",
        "max",          "abs",        "ceil",       "floor",        "coalesce",  "tostring",
        "tonumber",     "tobool",     "tolist",     "toset",        "tomap",     "base64encode",
        "base64decode", "regex",      "regexall",   "try",          "can",       "cidrsubnet",
        "cidrhost",     "file",       "filebase64", "templatefile", "fileexists"}) {
    EXPECT_NE(r.find(name), nullptr) << name;
  }
}

}  // namespace
}  // namespace faultbox::expr
