// The built-in action catalogue and its ListActions / GetAction JSON.
#include "fis/action_registry.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace faultbox::fis {
namespace {

TEST(ActionRegistry, HoldsTheBuiltInActions) {
  const auto ids = builtin_actions().ids();
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  for (const char* id :
       {"aws:cloudwatch:assert-alarm-state", "aws:ec2:api-insufficient-instance-capacity-error",
        "aws:ec2:asg-insufficient-instance-capacity-error", "aws:ec2:reboot-instances",
        "aws:ec2:stop-instances", "aws:ec2:terminate-instances",
        "aws:fis:inject-api-internal-error", "aws:fis:inject-api-throttle-error",
        "aws:fis:inject-api-unavailable-error", "aws:fis:wait", "aws:lambda:invocation-add-delay",
        "aws:lambda:invocation-error", "aws:lambda:invocation-http-integration-response"}) {
    EXPECT_NE(std::find(ids.begin(), ids.end(), id), ids.end()) << id;
  }
  const ActionSpec* stop = builtin_actions().find("aws:ec2:stop-instances");
  ASSERT_NE(stop, nullptr);
  EXPECT_EQ(stop->targets.at("Instances"), "aws:ec2:instance");
  ASSERT_NE(stop->parameter("startInstancesAfterDuration"), nullptr);
  EXPECT_EQ(stop->parameter("completeIfInstancesTerminated")->default_value, "false");
  EXPECT_TRUE(builtin_actions().find("aws:fis:wait")->parameter("duration")->required);
}

TEST(ActionRegistry, RejectsDuplicates) {
  ActionRegistry registry;
  ASSERT_TRUE(registry.add({.id = "aws:test:a"}));
  auto again = registry.add({.id = "aws:test:a"});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "ConflictException");
}

TEST(ActionRegistry, ListActionsJson) {
  auto j = builtin_actions().list_actions_json("eu-west-2");
  ASSERT_EQ(j["actions"].size(), builtin_actions().ids().size());
  auto by_id = [&j](const std::string& id) {
    for (const auto& a : j["actions"]) {
      if (a["id"] == id) return a;
    }
    return nlohmann::json();
  };
  const auto wait = by_id("aws:fis:wait");
  EXPECT_EQ(wait["arn"], "arn:aws:fis:eu-west-2::action/aws:fis:wait");
  EXPECT_FALSE(wait.contains("targets"));  // wait has no targets, as on AWS
  EXPECT_EQ(by_id("aws:ec2:stop-instances")["targets"]["Instances"]["resourceType"],
            "aws:ec2:instance");
  EXPECT_EQ(
      by_id("aws:ec2:asg-insufficient-instance-capacity-error")["targets"]["AutoScalingGroups"]
                                                               ["resourceType"],
      "aws:ec2:autoscaling-group");
  EXPECT_EQ(by_id("aws:fis:inject-api-throttle-error")["targets"]["Roles"]["resourceType"],
            "aws:iam:role");
}

TEST(ActionRegistry, GetActionJson) {
  auto j = builtin_actions().get_action_json("aws:fis:wait", "eu-west-2");
  ASSERT_TRUE(j);
  EXPECT_EQ((*j)["action"]["parameters"]["duration"]["required"], true);
  EXPECT_FALSE((*j)["action"]["parameters"]["duration"]["description"].get<std::string>().empty());
  auto missing = builtin_actions().get_action_json("aws:ec2:explode", "eu-west-2");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "ResourceNotFoundException");
}

}  // namespace
}  // namespace faultbox::fis

namespace faultbox::fis {
namespace {

TEST(ActionRegistry, DescribeActionsGivesEachParametersTypeForTheConsole) {
  auto j = builtin_actions().describe_actions_json("eu-west-2");
  const nlohmann::json* stop = nullptr;
  for (const auto& a : j["actions"]) {
    if (a["id"] == "aws:ec2:stop-instances") stop = &a;
  }
  ASSERT_NE(stop, nullptr);
  const auto& params = (*stop)["parameters"];
  EXPECT_EQ(params["startInstancesAfterDuration"]["type"], "duration");
  EXPECT_EQ(params["startInstancesAfterDuration"]["required"], false);
  EXPECT_EQ(params["completeIfInstancesTerminated"]["type"], "boolean");
  EXPECT_EQ(params["completeIfInstancesTerminated"]["default"], "false");
  EXPECT_EQ(j["actions"].size(), builtin_actions().ids().size());
  for (const auto& a : j["actions"]) {
    if (a["id"] == "aws:lambda:invocation-add-delay") {
      EXPECT_EQ(a["parameters"]["startupDelayMilliseconds"]["type"], "integer");
      EXPECT_EQ(a["parameters"]["startupDelayMilliseconds"]["max"], 900000);
      EXPECT_EQ(a["parameters"]["invocationPercentage"]["min"], 1);
    }
  }
}

}  // namespace
}  // namespace faultbox::fis
