// What the four API-fault actions share (aws:fis:inject-api-internal-error, -throttle-error,
// -unavailable-error and aws:ec2:api-insufficient-instance-capacity-error): for the action's
// duration, calls the target IAM roles make to the lab's API get an AWS error instead of their
// answer (ApiFaultControl), removed when the duration ends or the experiment stops. The fault
// lives in the lab's memory only, so a lab that dies leaves none behind.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "fis/action.h"
#include "fis/actions/timed_fault.h"

namespace faultbox::fis::actions {

class ApiFault final : public TimedFault {
 public:
  // `permission` is what the experiment's role needs on each target role.
  ApiFault(Duration duration, ApiFaultSpec fault, std::string permission)
      : TimedFault(duration), fault_(std::move(fault)), permission_(std::move(permission)) {}

  Result<void> start(ActionContext& ctx) override;

 private:
  void release(ActionContext& ctx) override;

  ApiFaultSpec fault_;
  std::string permission_;
  std::string fault_id_;  // set once the fault is in place
};

// The aws:fis:inject-api-* action of `action_id` answering `error_code`; its parameters are
// service, operations, percentage and duration.
ActionSpec inject_api_error_spec(const std::string& action_id, const std::string& error_code,
                                 const std::string& permission, const std::string& description);

}  // namespace faultbox::fis::actions
