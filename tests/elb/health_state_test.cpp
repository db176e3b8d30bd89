// The health state machine: thresholds, flapping, and DescribeInstanceHealth's strings.
#include "elb/health_state.h"

#include <gtest/gtest.h>

namespace faultbox::elb {
namespace {

using std::chrono::seconds;

constexpr const char* kRegistering = "Instance registration is still in progress.";
constexpr const char* kFailed =
    "Instance has failed at least the UnhealthyThreshold number of health checks consecutively.";

class HealthStateTest : public ::testing::Test {
 protected:
  // Each check happens one 5-second interval after the previous one.
  bool check(bool passed) {
    clock_.advance(seconds(5));
    return state_.record(passed, clock_.now());
  }

  ManualClock clock_;
  HealthState state_{2, 3, clock_.now()};
};

TEST_F(HealthStateTest, StartsOutOfServiceWhileRegistering) {
  auto row = state_.describe("i-0123456789abcdef0");
  EXPECT_EQ(row.instance_id, "i-0123456789abcdef0");
  EXPECT_EQ(row.state, "OutOfService");
  EXPECT_EQ(row.reason_code, "ELB");
  EXPECT_EQ(row.description, kRegistering);
  EXPECT_EQ(state_.last_change(), clock_.now());
}

TEST_F(HealthStateTest, GoesInServiceAfterHealthyThresholdPasses) {
  EXPECT_FALSE(check(true));
  EXPECT_FALSE(state_.in_service());
  EXPECT_EQ(state_.describe("i").description, kRegistering);
  EXPECT_TRUE(check(true));
  EXPECT_TRUE(state_.in_service());
  auto row = state_.describe("i");
  EXPECT_EQ(row.state, "InService");
  EXPECT_EQ(row.reason_code, "N/A");
  EXPECT_EQ(row.description, "N/A");
  EXPECT_EQ(state_.last_change(), clock_.now());
  EXPECT_FALSE(check(true));  // staying healthy is not a change
}

TEST_F(HealthStateTest, GoesOutOfServiceAfterUnhealthyThresholdFailures) {
  check(true);
  check(true);
  auto in_service_since = clock_.now();
  EXPECT_FALSE(check(false));
  EXPECT_FALSE(check(false));
  EXPECT_TRUE(state_.in_service());
  EXPECT_EQ(state_.last_change(), in_service_since);
  EXPECT_TRUE(check(false));
  auto row = state_.describe("i");
  EXPECT_EQ(row.state, "OutOfService");
  EXPECT_EQ(row.reason_code, "Instance");
  EXPECT_EQ(row.description, kFailed);
  EXPECT_EQ(state_.last_change(), clock_.now());
}

TEST_F(HealthStateTest, FlappingNeverReachesEitherThreshold) {
  check(true);
  check(true);
  for (int i = 0; i < 10; ++i) {
    EXPECT_FALSE(check(false));
    EXPECT_FALSE(check(false));
    EXPECT_FALSE(check(true));
    EXPECT_TRUE(state_.in_service()) << "round " << i;
  }
  EXPECT_EQ(state_.consecutive_passes(), 1);
  EXPECT_EQ(state_.consecutive_failures(), 0);
}

TEST_F(HealthStateTest, RegisteringInstanceThatKeepsFailingReportsTheFailure) {
  check(false);
  check(false);
  EXPECT_EQ(state_.describe("i").description, kRegistering);
  EXPECT_FALSE(check(false));  // still OutOfService: no flip, only a new reason
  EXPECT_EQ(state_.describe("i").description, kFailed);
  EXPECT_EQ(state_.last_change(), clock_.now());
}

TEST_F(HealthStateTest, RecoversAfterHealthyThresholdPassesAgain) {
  for (int i = 0; i < 3; ++i) {
    check(false);
  }
  EXPECT_FALSE(check(true));
  EXPECT_EQ(state_.describe("i").description, kFailed);
  EXPECT_TRUE(check(true));
  EXPECT_EQ(state_.describe("i").state, "InService");
}

}  // namespace
}  // namespace faultbox::elb
