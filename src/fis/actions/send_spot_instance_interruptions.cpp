// aws:ec2:send-spot-instance-interruptions: the target spot instances get EC2's rebalance
// recommendation at once and the interruption notice two minutes before the interruption, which
// comes `durationBeforeInterruption` after the action starts (the instance then stops or
// terminates, per its interruption behaviour). Stopped before that, the interruption is
// withdrawn.
#include <chrono>

#include "fis/action_registry.h"
#include "fis/actions/parameters.h"
#include "fis/wire.h"

namespace faultbox::fis::actions {
namespace {

constexpr std::string_view kActionId = "aws:ec2:send-spot-instance-interruptions";
constexpr std::string_view kDuration = "durationBeforeInterruption";

class SendSpotInterruptions final : public Action {
 public:
  static Result<std::unique_ptr<SendSpotInterruptions>> create(const StringMap& params) {
    auto action = std::make_unique<SendSpotInterruptions>();
    FAULTBOX_TRY(duration, duration_parameter(kActionId, params, kDuration));
    action->before_ = duration;
    return action;
  }

  Result<void> start(ActionContext& ctx) override {
    const auto& instances = ctx.resources(std::string(wire::kSpotInstancesKey));
    for (const auto& r : instances) {
      FAULTBOX_TRY_VOID(ctx.authorize("ec2:SendSpotInstanceInterruptions", r));
    }
    interrupt_at_ = ctx.now() + before_;
    for (const auto& r : instances) {
      FAULTBOX_TRY_VOID(ctx.ec2.send_spot_interruption(r.id, interrupt_at_));
      sent_.push_back(r.id);
      ctx.log("ec2:SendSpotInstanceInterruptions " + r.id);
    }
    return {};
  }

  ActionProgress poll(ActionContext& ctx) override {
    if (ctx.now() < interrupt_at_) {
      return ActionProgress::running();
    }
    sent_.clear();  // the lab interrupts them now: nothing left to withdraw
    return ActionProgress::completed();
  }

  Result<void> stop(ActionContext& ctx) override {
    if (ctx.now() < interrupt_at_) {
      for (const auto& id : sent_) {
        (void)ctx.ec2.cancel_spot_interruption(id);
        ctx.log("spot interruption of " + id + " withdrawn");
      }
    }
    sent_.clear();
    return {};
  }

 private:
  Duration before_{};
  TimePoint interrupt_at_{};
  std::vector<std::string> sent_;
};

}  // namespace

ActionSpec send_spot_instance_interruptions() {
  return {.id = std::string(kActionId),
          .description = "Send a Spot Instance interruption to the specified Spot Instances.",
          .targets = {{std::string(wire::kSpotInstancesKey), std::string(wire::kSpotInstance)}},
          .parameters = {{.name = std::string(kDuration),
                          .required = true,
                          .type = ParamType::IsoDuration,
                          .description = "How long after the notice the instances are "
                                         "interrupted (ISO 8601, PT2M to PT15M).",
                          .min = std::chrono::minutes(2),
                          .max = std::chrono::minutes(15)}},
          .make = make_action<SendSpotInterruptions>};
}

}  // namespace faultbox::fis::actions
