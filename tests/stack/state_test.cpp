// Terraform state v4: layout and round trip.
#include "stack/state.h"

#include <gtest/gtest.h>

namespace faultbox::stack {
namespace {

using expr::Value;

State sample() {
  State s;
  s.serial = 7;
  s.lineage = "11111111-2222-3333-4444-555555555555";
  s.outputs["elb_url"] = {Value::string("http://x"), false};
  s.outputs["secret"] = {Value::number(42), true};
  s.put_instance(
      "aws_elb", "this", false,
      {{},
       Value::object(
           {{"id", Value::string("elb-1")},
            {"listener", Value::tuple({Value::object({{"lb_port", Value::number(80)}})})}}),
       {}});
  s.put_instance("aws_instance", "web", true,
                 {1, Value::object({{"id", Value::string("i-2")}}), {"aws_elb.this"}});
  s.put_instance("aws_instance", "web", true,
                 {0, Value::object({{"id", Value::string("i-1")}}), {"aws_elb.this"}});
  return s;
}

TEST(StateTest, WritesTerraformVersion4Layout) {
  auto json = state_to_json(sample());
  EXPECT_EQ(json["version"], 4);
  EXPECT_EQ(json["serial"], 7);
  EXPECT_EQ(json["outputs"]["elb_url"]["value"], "http://x");
  EXPECT_EQ(json["outputs"]["elb_url"]["type"], "string");
  EXPECT_EQ(json["outputs"]["secret"]["sensitive"], true);
  const auto& web = json["resources"][1];
  EXPECT_EQ(web["mode"], "managed");
  EXPECT_EQ(web["type"], "aws_instance");
  EXPECT_EQ(web["provider"], "provider[\"registry.terraform.io/hashicorp/aws\"]");
  EXPECT_EQ(web["instances"][0]["index_key"], 0);
  EXPECT_EQ(web["instances"][1]["attributes"]["id"], "i-2");
  EXPECT_EQ(web["instances"][0]["dependencies"][0], "aws_elb.this");
  EXPECT_FALSE(json["resources"][0]["instances"][0].contains("index_key"));
}

TEST(StateTest, RoundTrips) {
  State original = sample();
  auto json = state_to_json(original);
  auto loaded = state_from_json(nlohmann::json::parse(json.dump()));
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(state_to_json(*loaded), json);
  EXPECT_EQ(
      loaded->instance_addresses(),
      (std::vector<std::string>{"aws_elb.this", "aws_instance.web[0]", "aws_instance.web[1]"}));
  EXPECT_EQ(loaded->find_instance("aws_elb.this")->attributes,
            original.find_instance("aws_elb.this")->attributes);
}

TEST(StateTest, RemovingTheLastInstanceRemovesTheResource) {
  State s = sample();
  s.remove_instance("aws_instance.web[0]");
  s.remove_instance("aws_instance.web[1]");
  EXPECT_EQ(s.find("aws_instance", "web"), nullptr);
  EXPECT_NE(s.find("aws_elb", "this"), nullptr);
}

TEST(StateTest, RejectsOtherVersionsAndMalformedState) {
  EXPECT_FALSE(state_from_json({{"version", 3}}));
  EXPECT_FALSE(state_from_json(nlohmann::json::array()));
  auto bad = state_from_json({{"version", 4}, {"resources", {{{"type", 5}, {"name", "x"}}}}});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("state"), std::string::npos);
}

TEST(StateTest, LineageLooksLikeAUuid) {
  std::string lineage = new_lineage();
  EXPECT_EQ(lineage.size(), 36u);
  EXPECT_EQ(lineage[8], '-');
  EXPECT_NE(lineage, new_lineage());
}

}  // namespace
}  // namespace faultbox::stack
