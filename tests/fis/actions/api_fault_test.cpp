// The API-fault actions through the runner: aws:fis:inject-api-* and
// aws:ec2:api-insufficient-instance-capacity-error hold a fault naming the target roles for their
// duration, remove it at the end and on stop, and need their permission.
#include "fis/runner_fixture.h"

namespace faultbox::fis {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

constexpr const char* kOps = "arn:aws:iam::000000000000:role/ops";

class ApiFaultTest : public testing::RunnerTest {
 protected:
  ApiFaultTest() : RunnerTest(3) {
    lab_.role_arns = {kOps, "arn:aws:iam::000000000000:role/other"};
  }

  Result<const Experiment*> start(const std::string& action_id, nlohmann::json parameters) {
    return start_body(testing::seed_with(
        {{"Ops",
          {{"resourceType", "aws:iam:role"}, {"resourceArns", {kOps}}, {"selectionMode", "ALL"}}}},
        {{"fault",
          {{"actionId", action_id},
           {"parameters", std::move(parameters)},
           {"targets", {{"Roles", "Ops"}}}}}}));
  }
};

TEST_F(ApiFaultTest, ThrottleHoldsAFaultOnTheTargetRolesForItsDuration) {
  auto e = start("aws:fis:inject-api-throttle-error",
                 {{"service", "ec2"},
                  {"operations", "DescribeInstances, StopInstances"},
                  {"percentage", "60"},
                  {"duration", "PT2M"}});
  ASSERT_TRUE(e) << e.error().message;
  ASSERT_EQ(lab_.api_faults.size(), 1u);
  const auto& [id, fault] = *lab_.api_faults.begin();
  EXPECT_EQ(id, (*e)->id + "/fault");
  EXPECT_EQ(fault.error_code, "RequestLimitExceeded");
  EXPECT_EQ(fault.role_arns, std::vector<std::string>{kOps});
  EXPECT_EQ(fault.operations, (std::vector<std::string>{"DescribeInstances", "StopInstances"}));
  EXPECT_EQ(fault.percentage, 60);
  advance(minutes(2));
  EXPECT_TRUE(lab_.api_faults.empty());
  EXPECT_EQ((*e)->status, ExperimentStatus::Completed);
}

TEST_F(ApiFaultTest, EachInjectActionAnswersItsOwnError) {
  for (auto [action, code] : {std::pair{"aws:fis:inject-api-internal-error", "InternalError"},
                              std::pair{"aws:fis:inject-api-unavailable-error", "Unavailable"}}) {
    auto e = start(action, {{"service", "ec2"},
                            {"operations", "DescribeInstances"},
                            {"percentage", "100"},
                            {"duration", "PT1M"}});
    ASSERT_TRUE(e) << e.error().message;
    ASSERT_EQ(lab_.api_faults.size(), 1u);
    EXPECT_EQ(lab_.api_faults.begin()->second.error_code, code);
    ASSERT_TRUE(runner_.stop((*e)->id, clock_.now()));
    advance(seconds(1));
    EXPECT_TRUE(lab_.api_faults.empty()) << action;
  }
}

TEST_F(ApiFaultTest, CapacityErrorFaultsLaunchesInTheZones) {
  auto e = start(
      "aws:ec2:api-insufficient-instance-capacity-error",
      {{"availabilityZoneIdentifiers", "eu-west-2a"}, {"percentage", "100"}, {"duration", "PT5M"}});
  ASSERT_TRUE(e) << e.error().message;
  const auto& fault = lab_.api_faults.begin()->second;
  EXPECT_EQ(fault.error_code, "InsufficientInstanceCapacity");
  EXPECT_EQ(fault.zones, std::vector<std::string>{"eu-west-2a"});
  EXPECT_EQ(fault.operations, (std::vector<std::string>{"RunInstances", "StartInstances"}));
}

TEST_F(ApiFaultTest, ADeniedRoleHoldsNothing) {
  lab_.denied_actions.insert("fis:InjectApiThrottleError");
  auto e = start("aws:fis:inject-api-throttle-error", {{"service", "ec2"},
                                                       {"operations", "DescribeInstances"},
                                                       {"percentage", "100"},
                                                       {"duration", "PT1M"}});
  ASSERT_TRUE(e);
  EXPECT_EQ((*e)->status, ExperimentStatus::Failed);
  EXPECT_TRUE(lab_.api_faults.empty());
}

TEST_F(ApiFaultTest, ServicesTheLabDoesNotInjectIntoAreRefusedWhenTheTemplateIsMade) {
  auto e = start("aws:fis:inject-api-throttle-error", {{"service", "kinesis"},
                                                       {"operations", "PutRecord"},
                                                       {"percentage", "100"},
                                                       {"duration", "PT1M"}});
  ASSERT_FALSE(e);
  EXPECT_NE(e.error().message.find("it has no Kinesis"), std::string::npos) << e.error().message;
}

}  // namespace
}  // namespace faultbox::fis
