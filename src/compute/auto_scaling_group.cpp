// Validation and scaling decisions of an auto-scaling group, with Auto Scaling's activity words.
#include "compute/auto_scaling_group.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>

#include "compute/az_balancer.h"
#include "compute/ip_allocator.h"
#include "core/iso8601.h"

namespace faultbox::compute {

namespace {

constexpr std::size_t kMaxNameLength = 255;
constexpr std::string_view kLaunchingPrefix = "Launching a new EC2 instance";

std::string at(TimePoint t) { return "At " + format_iso8601_seconds(t); }

Error constraint(std::string_view value, std::string_view field, std::string_view rule) {
  return errors::validation(fmt::format("1 validation error detected: Value '{}' at '{}' failed to "
                                        "satisfy constraint: Member must {}",
                                        value, field, rule));
}

// Why a member must go, in the words of Auto Scaling's cause; empty when it is healthy.
std::string unhealthy_reason(const GroupMember& m, const AutoScalingGroupSpec& spec,
                             TimePoint now) {
  if (m.state != InstanceState::Pending && m.state != InstanceState::Running) {
    return "an EC2 health check indicating it has been terminated or stopped";
  }
  const bool in_grace = now - m.launch_time < spec.health_check_grace_period;
  if (in_grace) {
    return {};
  }
  if (m.status == StatusCheck::Impaired) {
    return "an EC2 instance status checks failure";
  }
  if (spec.health_check_type == HealthCheckType::Elb && m.lb == LbVerdict::OutOfService) {
    return "an ELB system health check failure";
  }
  return {};
}

ScalingDecision terminate(const GroupMember& m, std::string cause, TimePoint now) {
  return {.action = ScalingAction::Terminate,
          .availability_zone = m.availability_zone,
          .instance_id = m.id,
          .activity = {.description = "Terminating EC2 instance: " + m.id,
                       .cause = std::move(cause),
                       .start_time = now,
                       .availability_zone = m.availability_zone}};
}

}  // namespace

Result<HealthCheckType> parse_health_check_type(std::string_view text) {
  if (text == "EC2") {
    return HealthCheckType::Ec2;
  }
  if (text == "ELB") {
    return HealthCheckType::Elb;
  }
  return constraint(text, "healthCheckType", "satisfy enum value set: [EC2, ELB]");
}

Result<void> validate(const AutoScalingGroupSpec& s) {
  if (s.name.empty()) {
    return constraint(s.name, "autoScalingGroupName", "have length greater than or equal to 1");
  }
  if (s.name.size() > kMaxNameLength) {
    return constraint(s.name, "autoScalingGroupName", "have length less than or equal to 255");
  }
  for (auto [value, field] : {std::pair{s.min_size, "minSize"},
                              {s.max_size, "maxSize"},
                              {s.desired_capacity, "desiredCapacity"}}) {
    if (value < 0) {
      return constraint(std::to_string(value), field, "have value greater than or equal to 0");
    }
  }
  if (s.min_size > s.max_size) {
    return errors::validation(fmt::format(
        "Max bound, {}, must be greater than or equal to min bound, {}", s.max_size, s.min_size));
  }
  if (s.desired_capacity < s.min_size || s.desired_capacity > s.max_size) {
    return errors::validation(
        fmt::format("Desired capacity:{} must be between the specified min size:{} and max size:{}",
                    s.desired_capacity, s.min_size, s.max_size));
  }
  if (s.health_check_grace_period.count() < 0) {
    return constraint(std::to_string(s.health_check_grace_period.count() / 1000),
                      "healthCheckGracePeriod", "have value greater than or equal to 0");
  }
  if (s.availability_zones.empty()) {
    return errors::validation("At least one Availability Zone or VPC Subnet is required.");
  }
  for (const auto& az : s.availability_zones) {
    FAULTBOX_TRY_VOID(parse_availability_zone(az));
  }
  if (s.launch_template.id.empty() && s.launch_template.name.empty()) {
    return errors::validation(
        "Valid requests must contain either LaunchTemplate, LaunchConfigurationName, InstanceId "
        "or MixedInstancesPolicy parameter.");
  }
  return {};
}

Tags launch_tags(const AutoScalingGroupSpec& spec) {
  Tags tags;
  for (const auto& tag : spec.tags) {
    if (tag.propagate_at_launch) {
      tags[tag.key] = tag.value;
    }
  }
  tags["aws:autoscaling:groupName"] = spec.name;
  return tags;
}

bool next_launch_on_demand(const InstancesDistribution& d, int on_demand, int spot) {
  const int total = on_demand + spot + 1;
  const int above_base = std::max(0, total - d.on_demand_base);
  const int wanted =
      std::min(total, d.on_demand_base) + (above_base * d.on_demand_percent_above_base + 99) / 100;
  return on_demand < wanted;
}

void ScalingDecision::set_launched_instance(const std::string& id) {
  activity.description = fmt::format("{}: {}", kLaunchingPrefix, id);
}

void ScalingDecision::set_launch_failed(const std::string& reason) {
  activity.failed = true;
  activity.status_message = reason + " Launching EC2 instance failed.";
  activity.description =
      fmt::format("{}.  Status Reason: {}", kLaunchingPrefix, activity.status_message);
}

std::vector<ScalingDecision> decide(const GroupView& view, TimePoint now) {
  const auto& spec = view.spec;
  std::vector<ScalingDecision> out;
  std::vector<const GroupMember*> healthy;
  for (const auto& m : view.members) {
    if (m.terminating) {
      continue;
    }
    if (auto reason = unhealthy_reason(m, spec, now); !reason.empty()) {
      out.push_back(
          terminate(m,
                    fmt::format("{} an instance was taken out of service in response to {}.",
                                at(now), reason),
                    now));
    } else {
      healthy.push_back(&m);
    }
  }
  const int actual = static_cast<int>(healthy.size());
  const int desired = spec.desired_capacity;
  if (actual < desired) {
    const std::string cause = fmt::format(
        "{} an instance was started in response to a difference between desired and actual "
        "capacity, increasing the capacity from {} to {}.",
        at(now), actual, desired);
    for (const auto& az : choose_launch_azs(spec.availability_zones, healthy, desired - actual)) {
      out.push_back({.action = ScalingAction::Launch,
                     .availability_zone = az,
                     .activity = {.description = std::string(kLaunchingPrefix),
                                  .cause = cause,
                                  .start_time = now,
                                  .availability_zone = az}});
    }
  } else if (actual > desired) {
    for (const GroupMember* m :
         choose_scale_in(healthy, view.current_template_version, now, actual - desired)) {
      out.push_back(terminate(
          *m,
          fmt::format("{0} an instance was taken out of service in response to a difference "
                      "between desired and actual capacity, shrinking the capacity from {1} to "
                      "{2}.  {0} instance {3} was selected for termination.",
                      at(now), actual, desired, m->id),
          now));
    }
  }
  return out;
}

}  // namespace faultbox::compute
