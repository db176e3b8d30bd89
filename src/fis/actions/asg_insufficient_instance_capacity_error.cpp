// aws:ec2:asg-insufficient-instance-capacity-error: for `duration`, the target auto-scaling
// groups' launches in the given zones fail with InsufficientInstanceCapacity (for `percentage`
// of the attempts), so the groups launch in their other zones, as they would when a zone runs
// out of capacity. What stops a group from healing into a zone that has lost power.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <chrono>

#include "fis/action_registry.h"
#include "fis/actions/parameters.h"
#include "fis/actions/timed_fault.h"
#include "fis/wire.h"

namespace faultbox::fis::actions {
namespace {

constexpr std::string_view kActionId = "aws:ec2:asg-insufficient-instance-capacity-error";
constexpr std::string_view kDuration = "duration";
constexpr std::string_view kZones = "availabilityZoneIdentifiers";
constexpr std::string_view kPercentage = "percentage";
// What FIS needs of its role for this action (ec2:InjectApiError, conditioned on the action's
// id in AWS's managed policy; the lab does not evaluate conditions).
constexpr std::string_view kPermission = "ec2:InjectApiError";

class AsgInsufficientCapacity final : public TimedFault {
 public:
  explicit AsgInsufficientCapacity(Duration duration) : TimedFault(duration) {}

  static Result<std::unique_ptr<AsgInsufficientCapacity>> create(const StringMap& params) {
    FAULTBOX_TRY(duration, duration_parameter(kActionId, params, kDuration));
    auto action = std::make_unique<AsgInsufficientCapacity>(duration);
    action->zones_ = list_parameter(params, kZones);
    if (action->zones_.empty()) {
      return errors::validation(std::string(kActionId) +
                                " needs availabilityZoneIdentifiers: zone names or ids, "
                                "separated by commas");
    }
    action->percentage_ = static_cast<int>(integer_parameter(params, kPercentage, 100));
    return action;
  }

  Result<void> start(ActionContext& ctx) override {
    const auto& groups = ctx.resources(std::string(wire::kAutoScalingGroupsKey));
    for (const auto& group : groups) {
      FAULTBOX_TRY_VOID(ctx.authorize(kPermission, group));
    }
    fault_id_ = ctx.experiment_id + "/" + ctx.action_name;
    for (const auto& group : groups) {
      FAULTBOX_TRY_VOID(ctx.capacity.add_launch_fault(group.id, fault_id_, zones_, percentage_));
      held_.push_back(group.id);
      ctx.log("InsufficientInstanceCapacity for " + std::to_string(percentage_) +
              "% of launches of " + group.id + " in " + joined_zones());
    }
    mark_started(ctx);
    return {};
  }

 private:
  void release(ActionContext& ctx) override {
    for (const auto& group : held_) {
      ctx.capacity.remove_launch_fault(group, fault_id_);
      ctx.log("launches of " + group + " in " + joined_zones() + " have capacity again");
    }
    held_.clear();
  }

  std::string joined_zones() const { return fmt::format("{}", fmt::join(zones_, ", ")); }

  std::vector<std::string> zones_;
  int percentage_ = 100;
  std::string fault_id_;
  std::vector<std::string> held_;  // groups whose fault is in place
};

}  // namespace

ActionSpec asg_insufficient_instance_capacity_error() {
  return {
      .id = std::string(kActionId),
      .description = "Make the target Auto Scaling groups' launches in the given "
                     "Availability Zones fail with InsufficientInstanceCapacity.",
      .targets = {{std::string(wire::kAutoScalingGroupsKey), std::string(wire::kAutoScalingGroup)}},
      .parameters = {{.name = std::string(kDuration),
                      .required = true,
                      .type = ParamType::IsoDuration,
                      .description = "How long launches fail (ISO 8601, PT1M to PT12H).",
                      .min = std::chrono::minutes(1),
                      .max = std::chrono::hours(12)},
                     {.name = std::string(kZones),
                      .required = true,
                      .description = "The Availability Zones (names such as eu-west-2a, or "
                                     "ids such as euw2-az1), separated by commas."},
                     {.name = std::string(kPercentage),
                      .type = ParamType::Integer,
                      .description = "The share of launch attempts that fail (1 to 100).",
                      .default_value = "100",
                      .min_value = 1,
                      .max_value = 100}},
      .make = make_action<AsgInsufficientCapacity>};
}

}  // namespace faultbox::fis::actions
