// Which launches an insufficient-capacity fault refuses, and EC2's message for it.
#include "compute/launch_faults.h"

#include <gtest/gtest.h>

namespace faultbox::compute {
namespace {

TEST(LaunchFaultsTest, RefusesEveryLaunchInItsZonesByNameOrId) {
  LaunchFaults faults;
  EXPECT_FALSE(faults.next_launch_fails("eu-west-2a", "euw2-az1"));
  faults.add("EXP1/a", {{"eu-west-2a", "euw2-az2"}, 100});
  EXPECT_TRUE(faults.next_launch_fails("eu-west-2a", "euw2-az1"));
  EXPECT_TRUE(faults.next_launch_fails("eu-west-2a", "euw2-az1"));
  EXPECT_TRUE(faults.next_launch_fails("eu-west-2b", "euw2-az2"));
  EXPECT_FALSE(faults.next_launch_fails("eu-west-2c", "euw2-az3"));
  faults.remove("EXP1/a");
  faults.remove("EXP1/a");
  EXPECT_TRUE(faults.empty());
  EXPECT_FALSE(faults.next_launch_fails("eu-west-2a", "euw2-az1"));
}

TEST(LaunchFaultsTest, APercentageRefusesThatShareSpreadEvenly) {
  LaunchFaults faults;
  faults.add("EXP1/a", {{"eu-west-2a"}, 25});
  std::string pattern;
  for (int i = 0; i < 8; ++i) {
    pattern += faults.next_launch_fails("eu-west-2a", "euw2-az1") ? 'x' : '.';
  }
  EXPECT_EQ(pattern, "...x...x");
  faults.add("EXP1/a", {{"eu-west-2a"}, 50});  // replaced: its count starts again
  pattern.clear();
  for (int i = 0; i < 4; ++i) {
    pattern += faults.next_launch_fails("eu-west-2a", "euw2-az1") ? 'x' : '.';
  }
  EXPECT_EQ(pattern, ".x.x");
}

TEST(LaunchFaultsTest, TwoFaultsOnOneZoneRefuseWhenEitherDoes) {
  LaunchFaults faults;
  faults.add("EXP1/a", {{"eu-west-2a"}, 50});
  faults.add("EXP2/b", {{"eu-west-2a"}, 100});
  EXPECT_TRUE(faults.next_launch_fails("eu-west-2a", "euw2-az1"));
  faults.remove("EXP2/b");
  EXPECT_TRUE(faults.next_launch_fails("eu-west-2a", "euw2-az1"));  // the 50 %'s second attempt
}

TEST(LaunchFaultsTest, MessageNamesTheTypeTheZoneAndTheZonesLeft) {
  EXPECT_EQ(insufficient_capacity_message("t3.micro", "eu-west-2a", {"eu-west-2b", "eu-west-2c"}),
            "We currently do not have sufficient t3.micro capacity in the Availability Zone you "
            "requested (eu-west-2a). Our system will be working on provisioning additional "
            "capacity. You can currently get t3.micro capacity by not specifying an Availability "
            "Zone in your request or choosing eu-west-2b, eu-west-2c.");
  EXPECT_EQ(insufficient_capacity_message("t3.nano", "eu-west-2c", {}),
            "We currently do not have sufficient t3.nano capacity in the Availability Zone you "
            "requested (eu-west-2c). Our system will be working on provisioning additional "
            "capacity.");
}

}  // namespace
}  // namespace faultbox::compute
