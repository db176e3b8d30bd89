// The scenario library: AZ Availability: Power Interruption's template is a valid template of
// the lab's (every action known, parameters in range), shaped as AWS's, for the inputs given.
#include "fis/scenarios.h"

#include <gtest/gtest.h>

#include "fis/step03_template.h"
#include "fis/template_validator.h"

namespace faultbox::fis {
namespace {

ScenarioInputs inputs() {
  ScenarioInputs in;
  in.availability_zone = "eu-west-2a";
  in.role_arn = testing::kRoleArn;
  in.account_id = "000000000000";
  return in;
}

TEST(ScenariosTest, AzPowerInterruptionIsAValidTemplate) {
  auto t = scenario_template("az-power-interruption", inputs());
  ASSERT_TRUE(t) << t.error().message;
  auto parsed = parse_create_template(*t);
  ASSERT_TRUE(parsed) << parsed.error().message;
  testing::FakeLab lab;
  testing::add_step03_instances(lab);
  auto valid =
      TemplateValidator(builtin_actions(), &lab, &lab, ValidationScope{"eu-west-2", "000000000000"})
          .validate(*parsed);
  EXPECT_TRUE(valid) << valid.error().message;
  EXPECT_EQ(parsed->experiment_options.empty_target_resolution_mode, "skip");
  const auto& j = *t;
  EXPECT_EQ(j["targets"]["ASG"]["resourceTags"]["AzImpairmentPower"], "IceAsg");
  EXPECT_EQ(j["targets"]["EC2-Instances"]["resourceTags"]["AzImpairmentPower"], "StopInstances");
  EXPECT_EQ(j["targets"]["IAM-role"]["resourceArns"][0],
            "arn:aws:iam::000000000000:role/aws-service-role/autoscaling.amazonaws.com/"
            "AWSServiceRoleForAutoScaling");
  EXPECT_EQ(j["actions"]["Pause-ASG-Scaling"]["parameters"]["availabilityZoneIdentifiers"],
            "eu-west-2a");
  EXPECT_EQ(j["actions"]["Stop-Instances"]["parameters"]["startInstancesAfterDuration"], "PT30M");
  // The zone's subnets, cut off for the impairment's first two minutes.
  EXPECT_EQ(j["targets"]["Subnet"]["parameters"]["availabilityZoneIdentifier"], "eu-west-2a");
  EXPECT_EQ(j["actions"]["Pause-network-connectivity"]["actionId"],
            "aws:network:disrupt-connectivity");
  EXPECT_EQ(j["actions"]["Pause-network-connectivity"]["parameters"],
            (nlohmann::json{{"duration", "PT2M"}, {"scope", "all"}}));
}

TEST(ScenariosTest, NetworkPartIsLeftOutWithTheReasonWhereTheLabCannotCutSubnets) {
  auto in = inputs();
  in.network_problem = "nft is not installed";
  auto t = scenario_template("az-power-interruption", in);
  ASSERT_TRUE(t);
  EXPECT_FALSE((*t)["actions"].contains("Pause-network-connectivity"));
  EXPECT_FALSE((*t)["targets"].contains("Subnet"));
  const auto parts = left_out_parts(*find_scenario("az-power-interruption"), in);
  EXPECT_EQ(parts.front(), "Pause-network-connectivity (nft is not installed)");
  EXPECT_EQ(left_out_parts(*find_scenario("az-power-interruption"), inputs()).size(),
            parts.size() - 1);
}

TEST(ScenariosTest, ShortImpairmentCutsTheNetworkForAllOfIt) {
  auto in = inputs();
  in.duration = "PT1M";
  auto t = scenario_template("az-power-interruption", in);
  ASSERT_TRUE(t);
  EXPECT_EQ((*t)["actions"]["Pause-network-connectivity"]["parameters"]["duration"], "PT1M");
}

TEST(ScenariosTest, TagsAndDurationReplaceTheScenarioDefaults) {
  auto in = inputs();
  in.target_tags = {{"Panda", "funky"}};
  in.duration = "PT5M";
  auto t = scenario_template("az-power-interruption", in);
  ASSERT_TRUE(t);
  EXPECT_EQ((*t)["targets"]["ASG"]["resourceTags"], (nlohmann::json{{"Panda", "funky"}}));
  EXPECT_EQ((*t)["actions"]["Pause-Instance-Launches"]["parameters"]["duration"], "PT5M");
}

TEST(ScenariosTest, ErrorsNameWhatIsMissing) {
  EXPECT_EQ(scenario_template("nope", inputs()).error().code, "ResourceNotFoundException");
  auto in = inputs();
  in.availability_zone.clear();
  EXPECT_FALSE(scenario_template("az-power-interruption", in));
  in = inputs();
  in.duration = "30 minutes";
  EXPECT_FALSE(scenario_template("az-power-interruption", in));
  auto listed = scenarios_json(inputs());
  ASSERT_EQ(listed["scenarios"].size(), 1u);
  EXPECT_FALSE(listed["scenarios"][0]["leftOut"].empty());
  EXPECT_TRUE(listed["scenarios"][0].contains("template"));
}

}  // namespace
}  // namespace faultbox::fis
