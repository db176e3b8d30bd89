// The Classic ELB health state machine; strings are those of DescribeInstanceHealth.
#include "elb/health_state.h"

#include <algorithm>
#include <utility>

namespace faultbox::elb {

std::string_view state_name(InstanceState state) {
  return state == InstanceState::InService ? "InService" : "OutOfService";
}

std::string_view reason_code(HealthReason reason) {
  switch (reason) {
    case HealthReason::RegistrationInProgress:
      return "ELB";
    case HealthReason::FailedHealthChecks:
      return "Instance";
    case HealthReason::Healthy:
      break;
  }
  return "N/A";
}

std::string_view reason_description(HealthReason reason) {
  switch (reason) {
    case HealthReason::RegistrationInProgress:
      return "Instance registration is still in progress.";
    case HealthReason::FailedHealthChecks:
      return "Instance has failed at least the UnhealthyThreshold number of health checks "
             "consecutively.";
    case HealthReason::Healthy:
      break;
  }
  return "N/A";
}

HealthState::HealthState(int healthy_threshold, int unhealthy_threshold, TimePoint registered_at)
    : healthy_threshold_(std::max(1, healthy_threshold)),
      unhealthy_threshold_(std::max(1, unhealthy_threshold)),
      last_change_(registered_at) {}

bool HealthState::record(bool passed, TimePoint at) {
  if (passed) {
    ++passes_;
    failures_ = 0;
  } else {
    ++failures_;
    passes_ = 0;
  }
  // A registering instance that keeps failing reports the failure reason, as AWS does, even
  // though its state (OutOfService) does not change.
  auto next_state = state_;
  auto next_reason = reason_;
  if (passed && passes_ >= healthy_threshold_) {
    next_state = InstanceState::InService;
    next_reason = HealthReason::Healthy;
  } else if (!passed && failures_ >= unhealthy_threshold_) {
    next_state = InstanceState::OutOfService;
    next_reason = HealthReason::FailedHealthChecks;
  }
  bool flipped = next_state != state_;
  if (flipped || next_reason != reason_) {
    last_change_ = at;
  }
  state_ = next_state;
  reason_ = next_reason;
  return flipped;
}

void HealthState::resume_in_service(TimePoint at) {
  state_ = InstanceState::InService;
  reason_ = HealthReason::Healthy;
  passes_ = healthy_threshold_;
  failures_ = 0;
  last_change_ = at;
}

InstanceHealth HealthState::describe(std::string instance_id) const {
  return {std::move(instance_id), std::string(state_name(state_)),
          std::string(reason_code(reason_)), std::string(reason_description(reason_))};
}

}  // namespace faultbox::elb
