// aws:ec2:asg-insufficient-instance-capacity-error through the runner: the fault is held on every
// target group for the duration, and removed at its end, on stop, and never left behind.
#include "fis/runner_fixture.h"

namespace faultbox::fis {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

nlohmann::json capacity_template(const std::string& zones, const std::string& percentage) {
  nlohmann::json parameters = {{"duration", "PT5M"}, {"availabilityZoneIdentifiers", zones}};
  if (!percentage.empty()) {
    parameters["percentage"] = percentage;
  }
  return testing::seed_with({{"Groups",
                              {{"resourceType", "aws:ec2:autoscaling-group"},
                               {"resourceTags", {{"Panda", "funky"}}},
                               {"selectionMode", "ALL"}}}},
                            {{"ice",
                              {{"actionId", "aws:ec2:asg-insufficient-instance-capacity-error"},
                               {"parameters", parameters},
                               {"targets", {{"AutoScalingGroups", "Groups"}}}}}});
}

class AsgCapacityTest : public testing::RunnerTest {
 protected:
  AsgCapacityTest() : RunnerTest(5) {
    lab_.add_group("funky_asg", {{"Panda", "funky"}});
    lab_.add_group("other_asg", {{"Panda", "other"}});
  }

  const Experiment& start(const nlohmann::json& body) {
    auto e = start_body(body);
    EXPECT_TRUE(e) << e.error().message;
    return **e;
  }
};

TEST_F(AsgCapacityTest, HoldsTheFaultOnTheTargetGroupsForTheDuration) {
  const Experiment& e = start(capacity_template("eu-west-2a, euw2-az2", "40"));
  ASSERT_EQ(e.status, ExperimentStatus::Running) << e.reason;
  ASSERT_EQ(lab_.launch_faults.size(), 1u);
  const auto& held = lab_.launch_faults.at("funky_asg");
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held.begin()->first, e.id + "/ice");
  EXPECT_EQ(held.begin()->second.first, (std::vector<std::string>{"eu-west-2a", "euw2-az2"}));
  EXPECT_EQ(held.begin()->second.second, 40);
  advance(minutes(5) - seconds(1));
  EXPECT_EQ(lab_.launch_faults.size(), 1u);
  advance(seconds(1));
  EXPECT_TRUE(lab_.launch_faults.empty());
  EXPECT_EQ(e.actions.at("ice").status, ActionStatus::Completed);
  EXPECT_EQ(e.status, ExperimentStatus::Completed);
}

TEST_F(AsgCapacityTest, PercentageDefaultsToAllAttempts) {
  start(capacity_template("eu-west-2a", ""));
  EXPECT_EQ(lab_.launch_faults.at("funky_asg").begin()->second.second, 100);
}

TEST_F(AsgCapacityTest, StoppingTheExperimentRemovesTheFaultAtOnce) {
  const Experiment& e = start(capacity_template("eu-west-2a", "100"));
  advance(minutes(1));
  ASSERT_TRUE(runner_.stop(e.id, clock_.now()));
  advance(seconds(1));
  EXPECT_TRUE(lab_.launch_faults.empty());
  EXPECT_EQ(e.status, ExperimentStatus::Stopped);
}

TEST_F(AsgCapacityTest, ARoleWithoutInjectApiErrorFailsTheActionAndHoldsNothing) {
  lab_.denied_actions.insert("ec2:InjectApiError");
  const Experiment& e = start(capacity_template("eu-west-2a", "100"));
  EXPECT_EQ(e.status, ExperimentStatus::Failed);
  EXPECT_EQ(e.actions.at("ice").status, ActionStatus::Failed);
  EXPECT_NE(e.actions.at("ice").reason.find("ec2:InjectApiError"), std::string::npos)
      << e.actions.at("ice").reason;
  EXPECT_TRUE(lab_.launch_faults.empty());
}

TEST_F(AsgCapacityTest, TheTemplateNeedsZonesAndAPercentageInRange) {
  EXPECT_FALSE(start_body(capacity_template("", "100")));
  auto refused = start_body(capacity_template("eu-west-2a", "101"));
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("percentage"), std::string::npos)
      << refused.error().message;
}

}  // namespace
}  // namespace faultbox::fis
