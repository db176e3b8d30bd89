// for_each on resources and data sources: each.key / each.value, addresses aws_x.y["key"],
// state index_key, and the errors Terraform gives for values it cannot iterate.
#include <gtest/gtest.h>

#include "fake_provider.h"
#include "stack/stack.h"

namespace faultbox::stack {
namespace {

using testing::FakeProvider;

StackInput subnets_input(const std::string& zones) {
  StackInput input;
  input.files["main.tf.yaml"] = R"Y(
variable:
  zones: {type: "map(string)", default: )Y" +
                                zones + R"Y(}
resource:
  aws_instance:
    web:
      for_each: ${var.zones}
      ami: ami-1
      availability_zone: ${each.value}
      tags: {Name: "web-${each.key}"}
    tagged:
      for_each: ${toset(["x", "y"])}
      ami: ami-1
      tags: {Name: "${each.key}=${each.value}", First: "${aws_instance.web[\"a\"].tags.Name}"}
output:
  names: {value: "${[for k, w in aws_instance.web : w.tags.Name]}"}
  a_zone: {value: "${aws_instance.web[\"a\"].availability_zone}"}
)Y";
  return input;
}

TEST(ForEachTest, MapAndSetInstancesAreAddressedByKey) {
  FakeProvider provider;
  State state;
  auto applied = apply(subnets_input(R"({a: "eu-west-1a", b: "eu-west-1b"})"), state, provider);
  ASSERT_TRUE(applied) << applied.error().message;
  EXPECT_EQ(applied->added, 4);
  EXPECT_EQ(state.instance_addresses(),
            (std::vector<std::string>{"aws_instance.web[\"a\"]", "aws_instance.web[\"b\"]",
                                      "aws_instance.tagged[\"x\"]", "aws_instance.tagged[\"y\"]"}));
  const auto* b = state.find_instance("aws_instance.web[\"b\"]");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->attributes.find("availability_zone")->as_string(), "eu-west-1b");
  EXPECT_EQ(state.find_instance("aws_instance.tagged[\"y\"]")
                ->attributes.find("tags")
                ->find("Name")
                ->as_string(),
            "y=y");
  EXPECT_EQ(applied->outputs.at("a_zone").value.as_string(), "eu-west-1a");
  EXPECT_EQ(expr::to_json(applied->outputs.at("names").value).dump(), R"(["web-a","web-b"])");

  auto json = state_to_json(state);
  EXPECT_EQ(json["resources"][0]["instances"][1]["index_key"], "b");
  auto loaded = state_from_json(json);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->instance_addresses(), state.instance_addresses());

  auto again = plan(subnets_input(R"({a: "eu-west-1a", b: "eu-west-1b"})"), state, provider);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_FALSE(again->has_changes());
}

TEST(ForEachTest, RemovingAKeyDestroysOnlyThatInstance) {
  FakeProvider provider;
  State state;
  ASSERT_TRUE(apply(subnets_input(R"({a: "eu-west-1a", b: "eu-west-1b"})"), state, provider));
  auto shrunk = apply(subnets_input(R"({a: "eu-west-1a"})"), state, provider);
  ASSERT_TRUE(shrunk) << shrunk.error().message;
  EXPECT_EQ(shrunk->destroyed, 1);
  EXPECT_EQ(shrunk->added, 0);
  EXPECT_EQ(state.find_instance("aws_instance.web[\"b\"]"), nullptr);
  EXPECT_NE(state.find_instance("aws_instance.web[\"a\"]"), nullptr);
}

std::string apply_error(const std::string& yaml) {
  FakeProvider provider;
  State state;
  StackInput input;
  input.files["main.tf.yaml"] = yaml;
  auto result = apply(input, state, provider);
  EXPECT_TRUE(state.resources.empty());
  return result ? "applied" : result.error().message;
}

TEST(ForEachTest, ValuesTerraformCannotIterateAreErrors) {
  EXPECT_NE(apply_error(R"(
resource: {aws_instance: {w: {for_each: '${["a", "b"]}', ami: x}}}
)")
                .find("for_each: a map, or set of strings, is required, got tuple (convert a list "
                      "with toset())"),
            std::string::npos);
  EXPECT_NE(apply_error(R"(
resource: {aws_instance: {w: {for_each: '${toset([1, 2])}', ami: x}}}
)")
                .find("a set of strings is required"),
            std::string::npos);
  EXPECT_NE(
      apply_error(R"(
resource: {aws_instance: {w: {ami: '${each.key}'}}}
)")
          .find("each.key and each.value are only available in a resource or module with for_each"),
      std::string::npos);
  EXPECT_NE(apply_error(R"(
resource: {aws_instance: {w: {for_each: '${toset(["a"])}', count: 1, ami: x}}}
)")
                .find("count and for_each cannot both be set"),
            std::string::npos);
}

}  // namespace
}  // namespace faultbox::stack
