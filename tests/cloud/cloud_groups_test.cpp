// The Cloud keeps an auto-scaling group at capacity from its launch template (fake processes,
// manual clock), and the stack provider reports what it ignores.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <filesystem>

#include "cloud/cloud.h"
#include "cloud/groups/groups.h"
#include "cloud/launch_templates/launch_templates.h"
#include "cloud/stack_provider.h"
#include "support/fake_supervisor.h"

namespace faultbox::cloud {
namespace {

using namespace std::chrono_literals;

class CloudGroupsTest : public ::testing::Test {
 protected:
  CloudGroupsTest() : cloud_(clock_, supervisor_, control_, data_, options()) {}

  static CloudOptions options() {
    CloudOptions o;
    o.data_dir = std::filesystem::temp_directory_path() / "faultbox-cloud-test";
    o.faultbox_binary = "/opt/faultbox/bin/faultbox";
    o.imds_prefix = "http://127.0.0.1:4566/_imds/";
    o.instance_boot_time = 10s;
    return o;
  }

  void make_group(int desired) {
    LaunchTemplate lt;
    lt.name = "web-lt";
    lt.instance_tags = {{"Panda", "funky"}};
    ASSERT_TRUE(cloud_.kind<LaunchTemplates>().put(lt));
    compute::AutoScalingGroupSpec spec;
    spec.name = "web";
    spec.min_size = 1;
    spec.max_size = 9;
    spec.desired_capacity = desired;
    spec.availability_zones = {"eu-west-2a", "eu-west-2b", "eu-west-2c"};
    spec.launch_template.name = "web-lt";
    spec.health_check_grace_period = 30s;
    auto group = cloud_.kind<Groups>().put(spec, "eu-west-2");
    ASSERT_TRUE(group) << group.error().to_string();
  }

  void run_for(Duration d) {
    for (auto end = clock_.now() + d; clock_.now() < end;) {
      clock_.advance(1s);
      cloud_.tick(clock_.now());
    }
  }

  int running() const {
    int n = 0;
    for (const auto* i : cloud_.instances().list()) {
      n += i->state == compute::InstanceState::Running;
    }
    return n;
  }

  ManualClock clock_;
  testing::FakeSupervisor supervisor_;
  boost::asio::io_context control_;
  boost::asio::io_context data_;
  Cloud cloud_;
};

TEST_F(CloudGroupsTest, LaunchesDesiredCapacitySpreadOverZonesAfterBootTime) {
  make_group(3);
  run_for(5s);
  EXPECT_EQ(running(), 0);  // still pending: EC2 takes a while to boot
  run_for(10s);
  EXPECT_EQ(running(), 3);
  std::set<std::string> zones;
  for (const auto* i : cloud_.instances().list()) {
    zones.insert(i->availability_zone);
    EXPECT_EQ(i->tags.at("Panda"), "funky");
    EXPECT_EQ(i->tags.at("aws:autoscaling:groupName"), "web");
  }
  EXPECT_EQ(zones.size(), 3u);
  EXPECT_EQ(cloud_.kind<Groups>().find("web")->activities.size(), 3u);
}

TEST_F(CloudGroupsTest, ReplacesAStoppedInstance) {
  make_group(2);
  run_for(15s);
  ASSERT_EQ(running(), 2);
  auto victim = cloud_.instances().list().front()->id;
  ASSERT_TRUE(cloud_.instances().stop(victim));
  run_for(20s);
  EXPECT_EQ(running(), 2);
  EXPECT_EQ(cloud_.kind<Groups>().find("web")->members.count(victim), 0u);
  const auto& activities = cloud_.kind<Groups>().find("web")->activities;
  bool terminated = std::any_of(activities.begin(), activities.end(), [&](const auto& a) {
    return a.description.find("Terminating EC2 instance: " + victim) != std::string::npos;
  });
  EXPECT_TRUE(terminated);
}

TEST_F(CloudGroupsTest, RemovingTheGroupTerminatesItsInstances) {
  make_group(2);
  run_for(15s);
  ASSERT_TRUE(cloud_.kind<Groups>().remove("web"));
  run_for(10s);
  EXPECT_EQ(running(), 0);
  EXPECT_FALSE(cloud_.kind<Groups>().remove("web"));
}

TEST_F(CloudGroupsTest, AZoneWithoutCapacityRefusesLaunchesAndTheGroupLaunchesElsewhere) {
  make_group(3);
  run_for(15s);
  ASSERT_EQ(running(), 3);
  auto& groups = cloud_.kind<Groups>();
  // By zone id (euw2-az1 is eu-west-2a), as FIS's availabilityZoneIdentifiers may say it.
  ASSERT_TRUE(groups.add_launch_fault("web", "EXP1/ice", {{"euw2-az1"}, 100}));
  std::string in_a;
  for (const auto* i : cloud_.instances().list()) {
    if (i->availability_zone == "eu-west-2a") in_a = i->id;
  }
  ASSERT_TRUE(cloud_.instances().stop(in_a));
  run_for(15s);
  EXPECT_EQ(running(), 3);
  int in_zone_a = 0;
  for (const auto* i : cloud_.instances().list()) {
    in_zone_a +=
        i->state == compute::InstanceState::Running && i->availability_zone == "eu-west-2a";
  }
  EXPECT_EQ(in_zone_a, 0) << "the replacement was launched in the zone without capacity";
  const auto& activities = groups.find("web")->activities;
  auto refused =
      std::find_if(activities.begin(), activities.end(), [](const auto& a) { return a.failed; });
  ASSERT_NE(refused, activities.end());
  EXPECT_NE(refused->status_message.find("We currently do not have sufficient t3.micro capacity "
                                         "in the Availability Zone you requested (eu-west-2a)"),
            std::string::npos)
      << refused->status_message;
  EXPECT_NE(refused->status_message.find("eu-west-2b, eu-west-2c"), std::string::npos);
  EXPECT_NE(refused->description.find("Status Reason:"), std::string::npos);
  // Only one refusal: the group retried in another zone at once, not every tick.
  EXPECT_EQ(
      std::count_if(activities.begin(), activities.end(), [](const auto& a) { return a.failed; }),
      1);

  // With the fault gone, the zone launches again.
  groups.remove_launch_fault("web", "EXP1/ice");
  groups.remove_launch_fault("web", "EXP1/ice");  // idempotent
  std::string victim;
  for (const auto* i : cloud_.instances().list()) {
    if (i->state == compute::InstanceState::Running) victim = i->id;
  }
  ASSERT_TRUE(cloud_.instances().terminate(victim));
  run_for(15s);
  EXPECT_EQ(running(), 3);
  EXPECT_FALSE(groups.add_launch_fault("no-such-group", "EXP1/ice", {{"eu-west-2a"}, 100}));
}

TEST_F(CloudGroupsTest, EveryZoneWithoutCapacityLeavesTheGroupShortAndRetriesNextTick) {
  make_group(1);
  auto& groups = cloud_.kind<Groups>();
  ASSERT_TRUE(groups.add_launch_fault("web", "EXP1/ice",
                                      {{"eu-west-2a", "eu-west-2b", "eu-west-2c"}, 100}));
  run_for(3s);
  EXPECT_TRUE(cloud_.instances().list().empty());
  const auto& activities = groups.find("web")->activities;
  EXPECT_EQ(activities.size(), 9u);  // three zones refused on each of three ticks
  groups.remove_launch_fault("web", "EXP1/ice");
  run_for(15s);
  EXPECT_EQ(running(), 1);
}

TEST_F(CloudGroupsTest, AMixedInstancesPolicyLaunchesItsShareAsSpot) {
  LaunchTemplate lt;
  lt.name = "web-lt";
  ASSERT_TRUE(cloud_.kind<LaunchTemplates>().put(lt));
  compute::AutoScalingGroupSpec spec;
  spec.name = "mixed";
  spec.min_size = 1;
  spec.max_size = 9;
  spec.desired_capacity = 3;
  spec.availability_zones = {"eu-west-2a", "eu-west-2b", "eu-west-2c"};
  spec.launch_template.name = "web-lt";
  spec.distribution = compute::InstancesDistribution{1, 0};
  ASSERT_TRUE(cloud_.kind<Groups>().put(spec, "eu-west-2"));
  run_for(15s);
  int spot = 0;
  for (const auto* i : cloud_.instances().list()) {
    spot += i->market.spot;
  }
  EXPECT_EQ(running(), 3);
  EXPECT_EQ(spot, 2);
}

TEST_F(CloudGroupsTest, ProviderListsIgnoredAttributesAndRejectsUnknownTypes) {
  CloudProvider provider(cloud_);
  stack::ResourceChange change;
  change.type = "aws_launch_template";
  change.name = "web";
  change.address = "aws_launch_template.web";
  change.region = "eu-west-2";
  change.config = expr::Value::object({{"name", expr::Value::string("lt")},
                                       {"vpc_security_group_ids", expr::Value::tuple({})},
                                       {"ebs_optimized", expr::Value::boolean(true)}});
  auto ignored = provider.validate(change);
  ASSERT_TRUE(ignored) << ignored.error().to_string();
  EXPECT_EQ(*ignored, (std::vector<std::string>{"ebs_optimized", "vpc_security_group_ids"}));
  change.type = "aws_nonsense";
  auto bad = provider.validate(change);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("aws_nonsense"), std::string::npos);
}

}  // namespace
}  // namespace faultbox::cloud
