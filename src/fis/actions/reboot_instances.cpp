// aws:ec2:reboot-instances: reboot the target instances (same ids; the lab restarts the process).
#include "fis/action_registry.h"
#include "fis/actions/instance_calls.h"
#include "fis/wire.h"

namespace faultbox::fis::actions {
namespace {

class RebootInstances final : public Action {
 public:
  static Result<std::unique_ptr<RebootInstances>> create(const StringMap&) {
    return std::make_unique<RebootInstances>();
  }
  Result<void> start(ActionContext& ctx) override {
    return call_each_instance(ctx, "ec2:RebootInstances", &Ec2Control::reboot_instance);
  }
  // Done once the reboot is requested.
  ActionProgress poll(ActionContext&) override { return ActionProgress::completed(); }
  Result<void> stop(ActionContext&) override { return {}; }
};

}  // namespace

ActionSpec reboot_instances() {
  return {.id = "aws:ec2:reboot-instances",
          .description = "Reboot the specified EC2 instances.",
          .targets = {{std::string(wire::kInstancesKey), std::string(wire::kEc2Instance)}},
          .parameters = {},
          .make = make_action<RebootInstances>};
}

}  // namespace faultbox::fis::actions
