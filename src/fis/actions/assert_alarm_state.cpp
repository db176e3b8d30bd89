// aws:cloudwatch:assert-alarm-state: checks that each of the given alarms is in one of the given
// states, and fails (and so fails the experiment) when one is not. Typically placed before a
// fault, so an experiment only begins on a healthy service.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "fis/action_registry.h"
#include "fis/actions/parameters.h"

namespace faultbox::fis::actions {
namespace {

constexpr std::string_view kActionId = "aws:cloudwatch:assert-alarm-state";
constexpr std::string_view kAlarmArns = "alarmArns";
constexpr std::string_view kAlarmStates = "alarmStates";
constexpr std::size_t kMaxAlarms = 5;

std::string_view state_word(AlarmState s) {
  switch (s) {
    case AlarmState::Ok:
      return "OK";
    case AlarmState::Alarm:
      return "ALARM";
    case AlarmState::InsufficientData:
      return "INSUFFICIENT_DATA";
  }
  return "INSUFFICIENT_DATA";
}

class AssertAlarmState final : public Action {
 public:
  static Result<std::unique_ptr<AssertAlarmState>> create(const StringMap& params) {
    auto action = std::make_unique<AssertAlarmState>();
    action->alarms_ = list_parameter(params, kAlarmArns);
    action->states_ = list_parameter(params, kAlarmStates);
    if (action->alarms_.empty() || action->alarms_.size() > kMaxAlarms) {
      return errors::validation(std::string(kActionId) +
                                " needs alarmArns: 1 to 5 alarm ARNs, separated by commas");
    }
    if (action->states_.empty()) {
      return errors::validation(std::string(kActionId) +
                                " needs alarmStates: OK, ALARM or INSUFFICIENT_DATA, separated "
                                "by commas");
    }
    for (const auto& s : action->states_) {
      if (s != "OK" && s != "ALARM" && s != "INSUFFICIENT_DATA") {
        return errors::validation("Invalid alarm state \"" + s + "\" in alarmStates: expected " +
                                  "OK, ALARM or INSUFFICIENT_DATA");
      }
    }
    return action;
  }

  Result<void> start(ActionContext& ctx) override {
    for (const auto& arn : alarms_) {
      FAULTBOX_TRY(state, ctx.alarms.alarm_state(arn));
      const auto word = state_word(state);
      if (std::find(states_.begin(), states_.end(), word) == states_.end()) {
        return errors::validation("Alarm " + arn + " is in state " + std::string(word) +
                                  ", not in " + fmt::format("{}", fmt::join(states_, ", ")) + ".");
      }
      ctx.log("alarm " + arn + " is in state " + std::string(word));
    }
    return {};
  }
  ActionProgress poll(ActionContext&) override { return ActionProgress::completed(); }
  Result<void> stop(ActionContext&) override { return {}; }

 private:
  std::vector<std::string> alarms_;
  std::vector<std::string> states_;
};

}  // namespace

ActionSpec assert_alarm_state() {
  return {.id = std::string(kActionId),
          .description = "Verify that the specified alarms are in one of the specified alarm "
                         "states.",
          .targets = {},
          .parameters = {{.name = std::string(kAlarmArns),
                          .required = true,
                          .description = "The ARNs of the alarms (up to 5), separated by commas."},
                         {.name = std::string(kAlarmStates),
                          .required = true,
                          .description = "The states the alarms must be in: OK, ALARM or "
                                         "INSUFFICIENT_DATA, separated by commas."}},
          .make = make_action<AssertAlarmState>};
}

}  // namespace faultbox::fis::actions
