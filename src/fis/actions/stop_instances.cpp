// aws:ec2:stop-instances: stop the target instances; with startInstancesAfterDuration, start them
// again after that delay, or as soon as the experiment stops (a post action).
#include <chrono>

#include "core/iso8601.h"
#include "fis/action_registry.h"
#include "fis/actions/instance_calls.h"
#include "fis/wire.h"

namespace faultbox::fis::actions {
namespace {

constexpr std::string_view kRestartAfter = "startInstancesAfterDuration";
constexpr std::string_view kCompleteIfTerminated = "completeIfInstancesTerminated";

class StopInstances final : public Action {
 public:
  static Result<std::unique_ptr<StopInstances>> create(const StringMap& params) {
    auto action = std::make_unique<StopInstances>();
    if (auto it = params.find(std::string(kRestartAfter)); it != params.end()) {
      FAULTBOX_TRY(delay, parse_iso_duration(it->second));
      action->restart_after_ = delay;
    }
    auto it = params.find(std::string(kCompleteIfTerminated));
    action->complete_if_terminated_ = it != params.end() && it->second == "true";
    return action;
  }

  Result<void> start(ActionContext& ctx) override {
    FAULTBOX_TRY_VOID(call_each_instance(ctx, "ec2:StopInstances", &Ec2Control::stop_instance));
    started_at_ = ctx.now();
    return {};
  }

  ActionProgress poll(ActionContext& ctx) override {
    if (!restart_after_) {
      return all_stopped(ctx) ? ActionProgress::completed() : ActionProgress::running();
    }
    if (ctx.now() - started_at_ < *restart_after_) {
      return ActionProgress::running();
    }
    return restart(ctx);
  }

  Result<void> stop(ActionContext& ctx) override {
    if (!restart_after_ || restarted_) {
      return {};
    }
    auto progress = restart(ctx);
    if (progress.state == ActionProgress::State::Failed && !restarted_) {
      return errors::access_denied(progress.reason);
    }
    return {};
  }

 private:
  static bool all_stopped(ActionContext& ctx) {
    for (const auto& r : ctx.resources(std::string(wire::kInstancesKey))) {
      auto state = ctx.ec2.instance_state(r.id);
      if (state && *state != "stopped" && !is_gone(*state)) {
        return false;
      }
    }
    return true;
  }

  // The post action: StartInstances on every target that still exists. Instances terminated
  // meanwhile (e.g. replaced by an auto-scaling group) fail the action unless the template says
  // completeIfInstancesTerminated=true, as FIS does.
  ActionProgress restart(ActionContext& ctx) {
    const auto& instances = ctx.resources(std::string(wire::kInstancesKey));
    for (const auto& r : instances) {
      if (auto denied = ctx.authorize("ec2:StartInstances", r); !denied) {
        return ActionProgress::failed(denied.error().message);
      }
    }
    restarted_ = true;
    std::string terminated;
    for (const auto& r : instances) {
      auto state = ctx.ec2.instance_state(r.id);
      if (!state || is_gone(*state)) {
        terminated += (terminated.empty() ? "" : ", ") + r.id;
        continue;
      }
      if (auto started = ctx.ec2.start_instance(r.id); !started) {
        return ActionProgress::failed(started.error().message);
      }
      ctx.log("ec2:StartInstances " + r.id);
    }
    if (!terminated.empty() && !complete_if_terminated_) {
      return ActionProgress::failed("Instances terminated before they could be restarted: " +
                                    terminated);
    }
    return ActionProgress::completed();
  }

  std::optional<Duration> restart_after_;
  bool complete_if_terminated_ = false;
  bool restarted_ = false;
  TimePoint started_at_{};
};

}  // namespace

ActionSpec stop_instances() {
  using std::chrono::hours;
  using std::chrono::minutes;
  return {.id = "aws:ec2:stop-instances",
          .description = "Stop the specified EC2 instances.",
          .targets = {{std::string(wire::kInstancesKey), std::string(wire::kEc2Instance)}},
          .parameters = {{.name = std::string(kRestartAfter),
                          .type = ParamType::IsoDuration,
                          .description = "How long to wait before starting the instances again "
                                         "(ISO 8601, PT1M to PT12H). Omit to leave them stopped.",
                          .min = minutes(1),
                          .max = hours(12)},
                         {.name = std::string(kCompleteIfTerminated),
                          .type = ParamType::Boolean,
                          .description = "With a restart delay: complete instead of failing when "
                                         "instances were terminated before the restart.",
                          .default_value = "false"}},
          .make = make_action<StopInstances>};
}

}  // namespace faultbox::fis::actions
