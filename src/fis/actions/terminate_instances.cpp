// aws:ec2:terminate-instances: terminate the target instances (not reversible).
#include "fis/action_registry.h"
#include "fis/actions/instance_calls.h"
#include "fis/wire.h"

namespace faultbox::fis::actions {
namespace {

class TerminateInstances final : public Action {
 public:
  static Result<std::unique_ptr<TerminateInstances>> create(const StringMap&) {
    return std::make_unique<TerminateInstances>();
  }
  Result<void> start(ActionContext& ctx) override {
    return call_each_instance(ctx, "ec2:TerminateInstances", &Ec2Control::terminate_instance);
  }
  // Done once termination is requested.
  ActionProgress poll(ActionContext&) override { return ActionProgress::completed(); }
  Result<void> stop(ActionContext&) override { return {}; }
};

}  // namespace

ActionSpec terminate_instances() {
  return {.id = "aws:ec2:terminate-instances",
          .description = "Terminate the specified EC2 instances.",
          .targets = {{std::string(wire::kInstancesKey), std::string(wire::kEc2Instance)}},
          .parameters = {},
          .make = make_action<TerminateInstances>};
}

}  // namespace faultbox::fis::actions
