// Configuration errors: each gives one clear message and no provider call.
#include <gtest/gtest.h>

#include <functional>

#include "stack/fake_provider.h"
#include "stack/stack.h"
#include "stack/step03_fixture.h"

namespace faultbox::stack {
namespace {

using Json = nlohmann::json;
using testing::FakeProvider;
using testing::step03_input;

StackInput with_main(const std::function<void(Json&)>& edit) {
  StackInput input = step03_input();
  Json doc = Json::parse(input.files["main.tf.json"]);
  edit(doc);
  input.files["main.tf.json"] = doc.dump(2);
  return input;
}

Json& resource(Json& doc, const std::string& type, const std::string& name) {
  return doc["resource"][type][name];
}

// Applies `input` and returns the error message; fails the test if apply succeeds or if the
// provider was asked to change anything.
std::string apply_error(const StackInput& input) {
  FakeProvider provider;
  State state;
  auto result = apply(input, state, provider);
  EXPECT_FALSE(result) << "apply succeeded";
  EXPECT_TRUE(provider.calls.empty());
  EXPECT_TRUE(state.resources.empty());
  return result ? "" : result.error().message;
}

#define EXPECT_HAS(text, part) \
  EXPECT_NE((text).find(part), std::string::npos) << "message: " << (text)

TEST(StackErrors, JsonSyntaxErrorNamesFileLineAndColumn) {
  StackInput input = step03_input();
  input.files["main.tf.json"] = "{\n  \"resource\": {\n    \"aws_elb\": }\n}";
  std::string message = apply_error(input);
  EXPECT_HAS(message, "main.tf.json: parse error at line 3, column");
}

TEST(StackErrors, YamlSyntaxErrorNamesFileAndLine) {
  StackInput input = step03_input();
  input.files["extra.tf.yaml"] = "resource:\n  aws_elb: [unclosed\n";
  EXPECT_HAS(apply_error(input), "extra.tf.yaml: parse error at line");
}

// Stack files from people the lab does not know: bounded, with an error, never a crash.
TEST(StackErrors, DeeplyNestedJsonIsRefused) {
  StackInput input = step03_input();
  input.files["deep.tf.json"] = std::string(100'000, '[') + std::string(100'000, ']');
  EXPECT_HAS(apply_error(input), "deep.tf.json nests arrays and objects more than 512 levels");
}

TEST(StackErrors, DeeplyNestedYamlIsRefused) {
  StackInput input = step03_input();
  input.files["deep.tf.yaml"] = std::string(100'000, '[') + std::string(100'000, ']');
  EXPECT_HAS(apply_error(input), "deep.tf.yaml: parse error");
}

TEST(StackErrors, YamlAliasesThatExpandWithoutBoundAreRefused) {
  StackInput input = step03_input();
  std::string doc = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char name = 'b'; name <= 'i'; ++name) {
    std::string previous(1, static_cast<char>(name - 1));
    doc += std::string(1, name) + ": &" + name + " [*" + previous + ", *" + previous + ", *" +
           previous + ", *" + previous + ", *" + previous + ", *" + previous + ", *" + previous +
           ", *" + previous + ", *" + previous + ", *" + previous + "]\n";
  }
  input.files["laughs.tf.yaml"] = doc;
  EXPECT_HAS(apply_error(input), "laughs.tf.yaml: the document expands to more than 200000");
}

TEST(StackErrors, UnknownResourceType) {
  auto input = with_main([](Json& d) { resource(d, "aws_teleporter", "x") = {{"a", 1}}; });
  EXPECT_HAS(apply_error(input),
             "main.tf.json: resource aws_teleporter.x: unknown resource type \"aws_teleporter\"");
}

TEST(StackErrors, ReferenceToUndeclaredResourceNamesFileAndAttribute) {
  auto input = with_main([](Json& d) {
    resource(d, "aws_cloudwatch_metric_alarm", "elb_5xx")["dimensions"]["LoadBalancerName"] =
        "${aws_elb.that.name}";
  });
  std::string message = apply_error(input);
  EXPECT_HAS(message, "main.tf.json: resource aws_cloudwatch_metric_alarm.elb_5xx: "
                      "dimensions.LoadBalancerName");
  EXPECT_HAS(message, "reference to undeclared resource aws_elb.that");
}

TEST(StackErrors, UndeclaredVariable) {
  auto input = with_main([](Json& d) { resource(d, "aws_elb", "this")["name"] = "${var.nope}"; });
  EXPECT_HAS(apply_error(input), "reference to undeclared variable var.nope");
}

TEST(StackErrors, UnsupportedAttributeOfAResource) {
  auto input = with_main([](Json& d) {
    d["output"]["bad"] = {{"value", "${aws_elb.this.dns_nam}"}};
  });
  EXPECT_HAS(apply_error(input), "dns_nam");
}

TEST(StackErrors, MissingRequiredVariable) {
  StackInput input = step03_input();
  input.var_files.clear();
  EXPECT_HAS(apply_error(input), "no value for required variable \"panda\"");
}

TEST(StackErrors, WrongVariableType) {
  StackInput input = step03_input();
  input.vars.emplace_back("desired_capacity", "lots");
  std::string message = apply_error(input);
  EXPECT_HAS(message, "invalid value for variable \"desired_capacity\" from --var");
  EXPECT_HAS(message, "number required, got string");
}

TEST(StackErrors, CycleIsListed) {
  auto input = with_main([](Json& d) {
    resource(d, "aws_elb", "this")["name"] = "${aws_autoscaling_group.web.name}-elb";
  });
  EXPECT_HAS(apply_error(input), "dependency cycle: aws_autoscaling_group.web -> aws_elb.this -> "
                                 "aws_autoscaling_group.web");
}

TEST(StackErrors, BadTemplateSyntax) {
  auto input = with_main([](Json& d) {
    resource(d, "aws_elb", "this")["health_check"]["target"] = "HTTP:${var.port";
  });
  EXPECT_HAS(apply_error(input), "main.tf.json: resource aws_elb.this: health_check.target");
}

TEST(StackErrors, DuplicateResourceAcrossFiles) {
  StackInput input = step03_input();
  input.files["other.tf.json"] = R"({"resource": {"aws_elb": {"this": {"name": "again"}}}})";
  EXPECT_HAS(apply_error(input),
             "other.tf.json: resource aws_elb.this: duplicate resource aws_elb.this (first "
             "declared in main.tf.json)");
}

TEST(StackErrors, CountNotANumber) {
  auto input =
      with_main([](Json& d) { resource(d, "aws_launch_template", "web")["count"] = "abc"; });
  EXPECT_HAS(apply_error(input), "resource aws_launch_template.web: count: a whole number is "
                                 "required, got string \"abc\"");
}

TEST(StackErrors, CountIndexOutsideCount) {
  auto input =
      with_main([](Json& d) { resource(d, "aws_elb", "this")["name"] = "e${count.index}"; });
  EXPECT_HAS(apply_error(input),
             "count.index is only available in a resource or module with count");
}

TEST(StackErrors, ValidationBlockFails) {
  auto input = with_main([](Json& d) {
    d["variable"]["panda"]["validation"] = {
        {"condition", "${length(var.panda) <= 5}"},
        {"error_message", "A panda name has at most 5 letters."}};
  });
  std::string message = apply_error(input);
  EXPECT_HAS(message, "invalid value for variable \"panda\": A panda name has at most 5 letters.");
}

TEST(StackErrors, OutputReferencingUnknownResource) {
  auto input = with_main([](Json& d) {
    d["output"]["ghost"] = {{"value", "${aws_instance.ghost.id}"}};
  });
  std::string message = apply_error(input);
  EXPECT_HAS(message, "main.tf.json: output ghost: value");
  EXPECT_HAS(message, "reference to undeclared resource aws_instance.ghost");
}

TEST(StackErrors, BadTfvarsLine) {
  StackInput input = step03_input();
  input.var_files = {{"common.tfvars", "# comment\npanda \"red\"\n"}};
  EXPECT_HAS(apply_error(input), "common.tfvars:2:7: expected '=' after variable name \"panda\"");
}

// Terraform only warns about these: a shared tfvars file may set other stacks' variables.
TEST(StackErrors, UndeclaredVariableInTfvarsIsIgnored) {
  StackInput input = step03_input();
  input.var_files = {{"common.tfvars", "panda = \"red\"\ncolour = \"blue\"\n"}};
  auto loaded = load_stack(input);
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->variables.count("colour"), 0u);
  EXPECT_EQ(loaded->variables.count("panda"), 1u);
}

TEST(StackErrors, UndeclaredVariableOnCommandLine) {
  StackInput input = step03_input();
  input.vars.emplace_back("colour", "blue");
  EXPECT_HAS(apply_error(input), "--var colour: a value was given for the undeclared variable");
}

TEST(StackErrors, ProviderValidationFails) {
  auto input =
      with_main([](Json& d) { resource(d, "aws_autoscaling_group", "web")["min_size"] = 10; });
  std::string message = apply_error(input);
  EXPECT_HAS(message, "main.tf.json: resource aws_autoscaling_group.web: min_size (10) must not "
                      "exceed max_size (9)");
}

TEST(StackErrors, UnsupportedBlockType) {
  auto input = with_main([](Json& d) { d["moved"] = {{"from", "a.b"}, {"to", "a.c"}}; });
  EXPECT_HAS(apply_error(input), "main.tf.json: unsupported block type \"moved\"");
}

TEST(StackErrors, PlanTimeErrorsLeaveAnExistingStackAlone) {
  FakeProvider provider;
  State state;
  ASSERT_TRUE(apply(step03_input(), state, provider));
  provider.calls.clear();
  auto before = state_to_json(state);
  auto broken = with_main([](Json& d) {
    resource(d, "aws_autoscaling_group", "web")["max_size"] = 1;
    d["resource"].erase("aws_iam_role");
  });
  EXPECT_FALSE(apply(broken, state, provider));
  EXPECT_TRUE(provider.calls.empty());
  EXPECT_EQ(state_to_json(state), before);
}

}  // namespace
}  // namespace faultbox::stack
