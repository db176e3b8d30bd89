#include "compute/auto_scaling_group.h"

#include <gtest/gtest.h>

#include <map>

namespace faultbox::compute {
namespace {

using namespace std::chrono_literals;

const TimePoint kNow{Duration(1'790'000'000'000)};  // 2026-09-21T...Z

AutoScalingGroupSpec spec(int desired = 3, HealthCheckType type = HealthCheckType::Ec2) {
  return {.name = "panda-asg",
          .min_size = 3,
          .max_size = 9,
          .desired_capacity = desired,
          .availability_zones = {"eu-west-2a", "eu-west-2b", "eu-west-2c"},
          .launch_template = {.id = "lt-0123456789abcdef0", .version = "1"},
          .health_check_type = type,
          .health_check_grace_period = 300s,
          .tags = {{"Panda", "panda", true}, {"Internal", "x", false}}};
}

GroupMember member(std::string id, std::string az, TimePoint launched = kNow - 1h) {
  return {.id = std::move(id),
          .state = InstanceState::Running,
          .status = StatusCheck::Ok,
          .availability_zone = std::move(az),
          .launch_time = launched,
          .launch_template_version = "1",
          .lb = LbVerdict::InService};
}

GroupView three_running(AutoScalingGroupSpec s = spec()) {
  return {std::move(s),
          "1",
          {member("i-a", "eu-west-2a"), member("i-b", "eu-west-2b"), member("i-c", "eu-west-2c")}};
}

std::map<ScalingAction, int> count(const std::vector<ScalingDecision>& ds) {
  std::map<ScalingAction, int> n;
  for (const auto& d : ds) {
    ++n[d.action];
  }
  return n;
}

TEST(AutoScalingGroupValidation, Table) {
  struct Case {
    AutoScalingGroupSpec s;
    std::string message_part;
  };
  auto with = [](auto change) {
    auto s = spec();
    change(s);
    return s;
  };
  const std::vector<Case> cases{
      {with([](auto& s) { s.name = ""; }), "autoScalingGroupName"},
      {with([](auto& s) { s.min_size = 5, s.max_size = 2; }),
       "Max bound, 2, must be greater than or equal to min bound, 5"},
      {with([](auto& s) { s.desired_capacity = 10; }),
       "Desired capacity:10 must be between the specified min size:3 and max size:9"},
      {with([](auto& s) { s.desired_capacity = 1; }), "Desired capacity:1"},
      {with([](auto& s) { s.min_size = -1; }), "minSize"},
      {with([](auto& s) { s.availability_zones.clear(); }), "At least one Availability Zone"},
      {with([](auto& s) { s.availability_zones = {"moon"}; }), "moon"},
      {with([](auto& s) { s.launch_template = {}; }), "LaunchTemplate"},
  };
  for (const auto& c : cases) {
    auto r = validate(c.s);
    ASSERT_FALSE(r) << c.message_part;
    EXPECT_EQ(r.error().code, "ValidationException");
    EXPECT_NE(r.error().message.find(c.message_part), std::string::npos) << r.error().message;
  }
  EXPECT_TRUE(validate(spec()));
  EXPECT_TRUE(parse_health_check_type("ELB"));
  EXPECT_FALSE(parse_health_check_type("elb"));
}

TEST(AutoScalingGroup, LaunchTagsPropagateAndNameTheGroup) {
  const Tags tags = launch_tags(spec());
  EXPECT_EQ(tags, (Tags{{"Panda", "panda"}, {"aws:autoscaling:groupName", "panda-asg"}}));
}

TEST(AutoScalingGroupDecide, InitialLaunchSpreadsThreeOverThreeAzs) {
  auto ds = decide({spec(), "1", {}}, kNow);
  ASSERT_EQ(ds.size(), 3u);
  std::vector<std::string> azs;
  for (auto& d : ds) {
    EXPECT_EQ(d.action, ScalingAction::Launch);
    azs.push_back(d.availability_zone);
    EXPECT_NE(d.activity.cause.find("an instance was started in response to a difference between "
                                    "desired and actual capacity, increasing the capacity from 0 "
                                    "to 3."),
              std::string::npos)
        << d.activity.cause;
    EXPECT_EQ(d.activity.cause.rfind("At 2026-09-21T", 0), 0u) << d.activity.cause;
    d.set_launched_instance("i-0123456789abcdef0");
    EXPECT_EQ(d.activity.description, "Launching a new EC2 instance: i-0123456789abcdef0");
  }
  EXPECT_EQ(azs, (std::vector<std::string>{"eu-west-2a", "eu-west-2b", "eu-west-2c"}));
}

TEST(AutoScalingGroupDecide, SteadyGroupDoesNothing) {
  EXPECT_TRUE(decide(three_running(), kNow).empty());
}

TEST(AutoScalingGroupDecide, StoppedInstanceIsReplacedInItsAz) {
  auto view = three_running();
  view.members[1].state = InstanceState::Stopped;
  auto ds = decide(view, kNow);
  ASSERT_EQ(ds.size(), 2u);
  EXPECT_EQ(ds[0].action, ScalingAction::Terminate);
  EXPECT_EQ(ds[0].instance_id, "i-b");
  EXPECT_EQ(ds[0].activity.description, "Terminating EC2 instance: i-b");
  EXPECT_NE(ds[0].activity.cause.find("an instance was taken out of service in response to an "
                                      "EC2 health check indicating it has been terminated or "
                                      "stopped."),
            std::string::npos);
  EXPECT_EQ(ds[1].action, ScalingAction::Launch);
  EXPECT_EQ(ds[1].availability_zone, "eu-west-2b");
  EXPECT_NE(ds[1].activity.cause.find("increasing the capacity from 2 to 3."), std::string::npos);
}

TEST(AutoScalingGroupDecide, TerminatingMembersAreNotJudgedAgain) {
  auto view = three_running();
  view.members[0].state = InstanceState::ShuttingDown;
  view.members[0].terminating = true;
  auto ds = decide(view, kNow);
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].action, ScalingAction::Launch);
  EXPECT_EQ(ds[0].availability_zone, "eu-west-2a");
}

TEST(AutoScalingGroupDecide, ElbOutOfServiceReplacedOnlyAfterGracePeriod) {
  auto view = three_running(spec(3, HealthCheckType::Elb));
  view.members[2].launch_time = kNow - 299s;
  view.members[2].lb = LbVerdict::OutOfService;
  EXPECT_TRUE(decide(view, kNow).empty()) << "still in its grace period";
  auto ds = decide(view, kNow + 1s);
  ASSERT_EQ(count(ds)[ScalingAction::Terminate], 1);
  EXPECT_EQ(ds[0].instance_id, "i-c");
  EXPECT_NE(ds[0].activity.cause.find("an ELB system health check failure."), std::string::npos);
  EXPECT_EQ(count(ds)[ScalingAction::Launch], 1);
}

TEST(AutoScalingGroupDecide, Ec2TypeIgnoresLoadBalancerVerdict) {
  auto view = three_running(spec(3, HealthCheckType::Ec2));
  view.members[0].lb = LbVerdict::OutOfService;
  EXPECT_TRUE(decide(view, kNow).empty());
}

TEST(AutoScalingGroupDecide, ImpairedStatusIsUnhealthyAfterGrace) {
  auto view = three_running();
  view.members[0].status = StatusCheck::Impaired;
  auto ds = decide(view, kNow);
  ASSERT_EQ(count(ds)[ScalingAction::Terminate], 1);
  EXPECT_NE(ds[0].activity.cause.find("status checks failure"), std::string::npos);
}

TEST(AutoScalingGroupDecide, ScaleOutFillsTheEmptiestAz) {
  auto view = three_running(spec(5));
  view.members[0].availability_zone = "eu-west-2b";  // a: 0, b: 2, c: 1
  auto ds = decide(view, kNow);
  ASSERT_EQ(ds.size(), 2u);
  EXPECT_EQ(ds[0].availability_zone, "eu-west-2a");
  EXPECT_EQ(ds[1].availability_zone, "eu-west-2a");
  EXPECT_NE(ds[0].activity.cause.find("from 3 to 5."), std::string::npos);
}

TEST(AutoScalingGroupDecide, ScaleInPicksBusiestAzThenOldTemplateThenBillingHour) {
  auto s = spec(3);
  s.min_size = 1;
  GroupView view{s,
                 "2",
                 {member("i-a1", "eu-west-2a", kNow - 10min), member("i-a2", "eu-west-2a"),
                  member("i-b1", "eu-west-2b"), member("i-c1", "eu-west-2c")}};
  view.members[1].launch_template_version = "2";
  view.members[0].launch_template_version = "1";
  auto ds = decide(view, kNow);
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].instance_id, "i-a1") << "busiest AZ, older launch template";
  EXPECT_NE(ds[0].activity.cause.find("shrinking the capacity from 4 to 3."), std::string::npos);
  EXPECT_NE(ds[0].activity.cause.find("instance i-a1 was selected for termination."),
            std::string::npos);

  view.members[0].launch_template_version = "2";
  view.members[0].launch_time = kNow - 2h - 50min;  // 50 min into its billing hour
  view.members[1].launch_time = kNow - 1h - 5min;
  ds = decide(view, kNow);
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].instance_id, "i-a1") << "closest to the next billing hour";
}

TEST(AutoScalingGroupDecide, ScaleInByTwoSpreadsOverAzs) {
  auto s = spec(1);
  s.min_size = 1;
  auto view = three_running(s);
  auto ds = decide(view, kNow);
  ASSERT_EQ(ds.size(), 2u);
  EXPECT_NE(ds[0].availability_zone, ds[1].availability_zone);
}

}  // namespace
}  // namespace faultbox::compute

namespace faultbox::compute {
namespace {

TEST(InstancesDistributionTest, BaseOnDemandThenThePercentageRoundedUp) {
  auto launches = [](InstancesDistribution d, int n) {
    std::string kinds;
    int on_demand = 0, spot = 0;
    for (int i = 0; i < n; ++i) {
      const bool od = next_launch_on_demand(d, on_demand, spot);
      (od ? on_demand : spot) += 1;
      kinds += od ? 'o' : 's';
    }
    return kinds;
  };
  EXPECT_EQ(launches({1, 0}, 4), "osss");
  EXPECT_EQ(launches({0, 50}, 4), "osos");
  EXPECT_EQ(launches({2, 100}, 3), "ooo");
  EXPECT_EQ(launches({0, 0}, 3), "sss");
  EXPECT_EQ(launches({1, 25}, 5), "oosss");
}

}  // namespace
}  // namespace faultbox::compute
