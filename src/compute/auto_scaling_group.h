// Auto-scaling group spec, validation, and the pure decisions that keep the group at its
// desired capacity (Auto Scaling's launch, health replacement and scale-in behaviour).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compute/instance.h"
#include "core/clock.h"
#include "core/result.h"

namespace faultbox::compute {

enum class HealthCheckType { Ec2, Elb };
// "EC2" / "ELB"; ValidationException for anything else.
Result<HealthCheckType> parse_health_check_type(std::string_view text);

struct LaunchTemplateRef {
  std::string id;  // one of id and name is required
  std::string name;
  std::string version = "$Default";
};

struct GroupTag {
  std::string key;
  std::string value;
  bool propagate_at_launch = false;
};

// A mixed instances policy's distribution: the group's first `on_demand_base` instances are on
// demand, then `on_demand_percent_above_base` % of the rest (rounded up, as Auto Scaling does),
// and the others spot.
struct InstancesDistribution {
  int on_demand_base = 0;
  int on_demand_percent_above_base = 100;
};

// Whether the group's next launch is on demand, given the members it has of each kind.
bool next_launch_on_demand(const InstancesDistribution& d, int on_demand, int spot);

struct AutoScalingGroupSpec {
  std::string name;
  int min_size = 0;
  int max_size = 0;
  int desired_capacity = 0;
  std::vector<std::string> availability_zones;  // in order of preference for ties
  // vpc_zone_identifier's subnets, in order; a launch in an AZ goes to the first of its subnets
  // here. Empty: the AZs' default subnets.
  std::vector<std::string> subnet_ids;
  LaunchTemplateRef launch_template;
  HealthCheckType health_check_type = HealthCheckType::Ec2;
  Duration health_check_grace_period = std::chrono::seconds(300);
  std::vector<std::string> load_balancers;
  std::vector<GroupTag> tags;
  // Set when the group launches through a mixed instances policy (spot and on-demand).
  std::optional<InstancesDistribution> distribution;
};

// ValidationException with Auto Scaling's wording for the first problem found
// (name length, negative sizes, min > max, desired outside [min, max], no AZ, no template).
Result<void> validate(const AutoScalingGroupSpec& spec);

// Tags a new instance gets: those with propagate_at_launch, plus aws:autoscaling:groupName.
Tags launch_tags(const AutoScalingGroupSpec& spec);

// The load balancers' verdict on a member; for several load balancers, OutOfService if any says so.
enum class LbVerdict { Unknown, InService, OutOfService };

struct GroupMember {
  std::string id;
  InstanceState state = InstanceState::Pending;
  StatusCheck status = StatusCheck::NotApplicable;
  std::string availability_zone;
  TimePoint launch_time{};
  std::string launch_template_version;  // numeric versions compare as numbers
  LbVerdict lb = LbVerdict::Unknown;
  bool terminating = false;  // the group already decided to terminate it: not judged, not counted
};

struct GroupView {
  AutoScalingGroupSpec spec;
  std::string current_template_version;  // the version new instances get
  std::vector<GroupMember> members;
};

struct ScalingActivity {
  std::string
      description;    // "Launching a new EC2 instance: i-..." / "Terminating EC2 instance: i-..."
  std::string cause;  // "At 2026-...Z an instance was started in response to ..."
  TimePoint start_time{};
  bool failed = false;            // StatusCode "Failed" rather than "Successful"
  std::string status_message;     // why it failed, in the service's words
  std::string availability_zone;  // where it launched (or tried to), or whose member it ended
};

enum class ScalingAction { Launch, Terminate };

struct ScalingDecision {
  ScalingAction action = ScalingAction::Launch;
  std::string availability_zone;  // Launch: where to start it
  std::string instance_id;        // Terminate: which
  ScalingActivity activity;
  // Completes a Launch activity's description once the instance id is known.
  void set_launched_instance(const std::string& id);
  // Marks a Launch activity failed, as Auto Scaling words it: the reason in the description
  // and the status message.
  void set_launch_failed(const std::string& reason);
};

// What to do now, terminations first. Unhealthy members (stopping, stopped, shutting-down,
// terminated at once; impaired status, or OutOfService with type ELB, once the grace period
// since launch has passed) are terminated; then instances are launched up to desired
// capacity, each in the AZ with the fewest healthy members; or, above desired, members are
// terminated by the default termination policy (see az_balancer.h). Terminated members must
// then be marked `terminating` or dropped from the view by the caller.
std::vector<ScalingDecision> decide(const GroupView& view, TimePoint now);

}  // namespace faultbox::compute
