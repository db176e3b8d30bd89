// EC2 instance calls with the experiment role's permission check in front.
#include "fis/actions/instance_calls.h"

#include "fis/wire.h"

namespace faultbox::fis::actions {

bool is_gone(std::string_view state) { return state == "terminated" || state == "shutting-down"; }

Result<void> call_each_instance(ActionContext& ctx, std::string_view api_action, Ec2Call call) {
  const auto& instances = ctx.resources(std::string(wire::kInstancesKey));
  for (const auto& r : instances) {
    FAULTBOX_TRY_VOID(ctx.authorize(api_action, r));
  }
  for (const auto& r : instances) {
    auto state = ctx.ec2.instance_state(r.id);
    if (state && is_gone(*state)) {
      ctx.log(std::string(api_action) + " skipped " + r.id + ": instance is " + *state);
      continue;
    }
    FAULTBOX_TRY_VOID((ctx.ec2.*call)(r.id));
    ctx.log(std::string(api_action) + " " + r.id);
  }
  return {};
}

}  // namespace faultbox::fis::actions
