// Capacity per zone from instance states and group activities: the count at the start, its
// lowest, at the end, and the launches, refusals and terminations per zone.
#include "report/zone_capacity.h"

#include <gtest/gtest.h>

namespace faultbox::report {
namespace {

using std::chrono::seconds;

TEST(ZoneCapacityTest, AZoneLosesItsInstanceAndTheGroupReplacesItElsewhere) {
  const TimePoint t0{seconds(1000)};
  std::vector<InstanceStateChange> states = {
      {t0, "i-a", "eu-west-2a", "running", true},
      {t0, "i-b", "eu-west-2b", "running", true},
      {t0, "i-c", "eu-west-2c", "running", true},
      {t0 + seconds(5), "i-a", "eu-west-2a", "stopping", false},
      {t0 + seconds(6), "i-a", "eu-west-2a", "stopped", false},
      {t0 + seconds(7), "i-d", "eu-west-2b", "pending", false},
      {t0 + seconds(17), "i-d", "eu-west-2b", "running", false},
      {t0 + seconds(8), "i-a", "eu-west-2a", "terminated", false},
  };
  std::vector<ScalingEvent> scaling = {
      {t0 + seconds(6), "web", "eu-west-2a", "Terminating EC2 instance: i-a", false},
      {t0 + seconds(7), "web", "eu-west-2a", "Launching a new EC2 instance.  Status Reason: ...",
       true},
      {t0 + seconds(7), "web", "eu-west-2b", "Launching a new EC2 instance: i-d", false},
  };
  auto zones = zone_capacity(states, scaling);
  ASSERT_EQ(zones.size(), 3u);
  const auto& a = zones[0];
  EXPECT_EQ(a.availability_zone, "eu-west-2a");
  EXPECT_EQ(a.running_at_start, 1);
  EXPECT_EQ(a.min_running, 0);
  EXPECT_EQ(a.running_at_end, 0);
  EXPECT_EQ(a.launches_refused, 1);
  EXPECT_EQ(a.terminations, 1);
  const auto& b = zones[1];
  EXPECT_EQ(b.running_at_start, 1);
  EXPECT_EQ(b.min_running, 1);
  EXPECT_EQ(b.running_at_end, 2);
  EXPECT_EQ(b.launches, 1);
  EXPECT_EQ(zones[2].running_at_end, 1);
}

TEST(ZoneCapacityTest, NothingInTheWindowIsNoZone) { EXPECT_TRUE(zone_capacity({}, {}).empty()); }

}  // namespace
}  // namespace faultbox::report
