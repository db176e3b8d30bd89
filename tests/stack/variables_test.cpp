// Variable precedence, type conversion and the type constraint parser.
#include "stack/variables.h"

#include <gtest/gtest.h>

#include "stack/config_loader.h"

namespace faultbox::stack {
namespace {

const char* kVariables = R"json({"variable": {
  "name": {"type": "string", "default": "from-default"},
  "port": {"type": "number", "default": 80},
  "azs": {"type": "list(string)", "default": []},
  "sizes": {"type": "map(number)", "default": {}},
  "spec": {"type": "object({min = number, max = number})", "default": {"min": 1, "max": 2}},
  "loose": {"default": null}
}})json";

class VariablesTest : public ::testing::Test {
 protected:
  Result<expr::Value::Attributes> resolve() {
    auto config = load_config(files_);
    EXPECT_TRUE(config) << config.error().message;
    sources_.stack_files = &files_;
    return resolve_variables(*config, sources_, functions_);
  }
  std::string name() {
    auto values = resolve();
    EXPECT_TRUE(values) << values.error().message;
    return values ? values->at("name").as_string() : "";
  }

  std::map<std::string, std::string> files_{{"vars.tf.json", kVariables}};
  VariableSources sources_;
  expr::FunctionRegistry functions_ = expr::standard_functions();
};

TEST_F(VariablesTest, PrecedenceFromDefaultsToCommandLine) {
  EXPECT_EQ(name(), "from-default");
  sources_.env["TF_VAR_name"] = "from-env";
  EXPECT_EQ(name(), "from-env");
  files_["terraform.tfvars"] = "name = \"from-terraform-tfvars\"";
  EXPECT_EQ(name(), "from-terraform-tfvars");
  files_["a.auto.tfvars"] = "name = \"from-a-auto\"";
  files_["b.auto.tfvars.json"] = R"({"name": "from-b-auto"})";
  EXPECT_EQ(name(), "from-b-auto");
  sources_.var_files = {{"one.tfvars", "name = \"one\""}, {"two.tfvars", "name = \"two\""}};
  EXPECT_EQ(name(), "two");
  sources_.vars = {{"name", "cli-1"}, {"name", "cli-2"}};
  EXPECT_EQ(name(), "cli-2");
}

TEST_F(VariablesTest, ConvertsAsTerraformDoes) {
  sources_.vars = {{"port", "8080"}, {"azs", "[\"a\", \"b\"]"}, {"sizes", "{web = \"3\"}"}};
  sources_.var_files = {{"x.tfvars", "spec = { min = \"2\", max = 5, extra = true }\nloose = 7"}};
  auto values = resolve();
  ASSERT_TRUE(values) << values.error().message;
  EXPECT_EQ(values->at("port"), expr::Value::number(8080));
  EXPECT_EQ(values->at("azs").kind(), expr::Kind::List);
  EXPECT_EQ(values->at("sizes").find("web")->as_number(), 3);
  EXPECT_EQ(values->at("spec").find("min")->as_number(), 2);
  EXPECT_EQ(values->at("spec").find("extra"), nullptr);
  EXPECT_EQ(values->at("loose").as_number(), 7);
}

TEST_F(VariablesTest, TypeErrorsNameVariableSourceAndTypes) {
  sources_.var_files = {{"x.tfvars", "azs = \"not-a-list\""}};
  auto values = resolve();
  ASSERT_FALSE(values);
  EXPECT_NE(values.error().message.find("invalid value for variable \"azs\" from x.tfvars:1:1: "
                                        "list(string) required, got string"),
            std::string::npos)
      << values.error().message;
  sources_.var_files = {{"x.tfvars", "spec = { min = 1 }"}};
  values = resolve();
  ASSERT_FALSE(values);
  EXPECT_NE(values.error().message.find("attribute \"max\" is missing"), std::string::npos)
      << values.error().message;
}

TEST_F(VariablesTest, EnvironmentForUndeclaredVariablesIsIgnored) {
  sources_.env["TF_VAR_unrelated"] = "x";
  EXPECT_TRUE(resolve());
}

TEST(TypeConstraint, ParsesAndPrints) {
  for (const char* text :
       {"string", "number", "bool", "any", "list(string)", "set(number)", "map(list(bool))",
        "tuple([string, number])", "object({a = string, b = list(number)})"}) {
    auto type = parse_type_constraint(text, expr::SourcePos{"t", 1, 1});
    ASSERT_TRUE(type) << text << ": " << type.error().message;
    EXPECT_EQ(type->to_string(), text);
  }
  auto bad =
      parse_type_constraint("strin", expr::SourcePos{"vars.tf.json: variable x: type", 1, 1});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("unknown type \"strin\""), std::string::npos);
  EXPECT_FALSE(parse_type_constraint("list(string, number)", expr::SourcePos{}));
}

TEST(TypeConstraint, TupleAndSetConversion) {
  auto tuple = parse_type_constraint("tuple([string, number])", expr::SourcePos{});
  ASSERT_TRUE(tuple);
  auto ok = convert_to_type(expr::Value::tuple({expr::Value::number(1), expr::Value::string("2")}),
                            *tuple);
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->elements()[0], expr::Value::string("1"));
  EXPECT_EQ(ok->elements()[1], expr::Value::number(2));
  EXPECT_FALSE(convert_to_type(expr::Value::tuple({}), *tuple));
  auto set = parse_type_constraint("set(string)", expr::SourcePos{});
  auto deduped =
      convert_to_type(expr::Value::tuple({expr::Value::string("b"), expr::Value::string("a"),
                                          expr::Value::string("b")}),
                      *set);
  ASSERT_TRUE(deduped);
  EXPECT_EQ(deduped->elements().size(), 2u);
}

}  // namespace
}  // namespace faultbox::stack
