// Shared by the EC2 instance actions: permission check first, then one EC2 call per instance.
#pragma once

#include <string_view>

#include "fis/action.h"

namespace faultbox::fis::actions {

using Ec2Call = Result<void> (Ec2Control::*)(const std::string&);

// True for instances EC2 can no longer stop, start or reboot.
bool is_gone(std::string_view state);

// Checks `api_action` on every "Instances" target (nothing is touched if one is denied), then
// calls `call` on each instance that is not terminated; those are logged and skipped.
Result<void> call_each_instance(ActionContext& ctx, std::string_view api_action, Ec2Call call);

}  // namespace faultbox::fis::actions
