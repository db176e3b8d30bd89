// Per-instance health of a Classic ELB: thresholds of consecutive checks, and the State,
// ReasonCode and Description that DescribeInstanceHealth reports. Pure: no I/O, no clock reads.
#pragma once

#include <string>
#include <string_view>

#include "core/clock.h"

namespace faultbox::elb {

enum class InstanceState { InService, OutOfService };

// Why an instance is in its state; each maps to one AWS ReasonCode and Description.
enum class HealthReason {
  RegistrationInProgress,  // registered, not yet healthy_threshold passes in a row
  FailedHealthChecks,      // unhealthy_threshold failures in a row
  Healthy,                 // InService
};

// One row of DescribeInstanceHealth, with AWS's wire strings.
struct InstanceHealth {
  std::string instance_id;
  std::string state;        // "InService" | "OutOfService"
  std::string reason_code;  // "ELB" | "Instance" | "N/A"
  std::string description;
};

std::string_view state_name(InstanceState state);
std::string_view reason_code(HealthReason reason);
std::string_view reason_description(HealthReason reason);

class HealthState {
 public:
  // Starts OutOfService, "Instance registration is still in progress.". Thresholds are >= 1.
  HealthState(int healthy_threshold, int unhealthy_threshold, TimePoint registered_at);

  // Records one check result taken at `at`. Returns true when the state flipped between
  // InService and OutOfService.
  bool record(bool passed, TimePoint at);
  // InService as it was before a lab restart, for an instance that served on meanwhile: the
  // healthy threshold counts as passed, so the next failed checks take it out as usual.
  void resume_in_service(TimePoint at);

  InstanceState state() const { return state_; }
  bool in_service() const { return state_ == InstanceState::InService; }
  HealthReason reason() const { return reason_; }
  int consecutive_passes() const { return passes_; }
  int consecutive_failures() const { return failures_; }
  // When the state or reason last changed (registration time at first).
  TimePoint last_change() const { return last_change_; }

  InstanceHealth describe(std::string instance_id) const;

 private:
  int healthy_threshold_;
  int unhealthy_threshold_;
  InstanceState state_ = InstanceState::OutOfService;
  HealthReason reason_ = HealthReason::RegistrationInProgress;
  int passes_ = 0;
  int failures_ = 0;
  TimePoint last_change_;
};

}  // namespace faultbox::elb
