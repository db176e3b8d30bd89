// The alarms of one region and their evaluation against the metric store: PutMetricAlarm,
// DeleteAlarms, DescribeAlarms, SetAlarmState, DescribeAlarmHistory, and the periodic evaluate().
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "monitoring/alarm.h"
#include "monitoring/alarm_decision.h"
#include "monitoring/alarm_spec.h"
#include "monitoring/metric_store.h"

namespace faultbox::monitoring {

// A state change made by evaluate(), for watchers such as experiment stop conditions.
struct AlarmTransition {
  std::string alarm_name;
  AlarmState from;
  AlarmState to;
  TimePoint at;
};

struct HistoryQuery {
  std::string alarm_name;               // empty: every alarm
  std::optional<HistoryItemType> type;  // none: every type
  std::optional<TimePoint> start;       // inclusive
  std::optional<TimePoint> end;         // inclusive
};

// Control strand only. Reads metrics from `store`, which must outlive it.
class AlarmEvaluator {
 public:
  AlarmEvaluator(const MetricStore& store, std::string region, std::string account);

  // PutMetricAlarm: creates the alarm (INSUFFICIENT_DATA) or reconfigures the one of that name
  // (keeping its state). ValidationError when the spec is invalid. Evaluated at the next
  // evaluate() call.
  Result<const Alarm*> put_alarm(AlarmSpec spec, TimePoint now);

  // DeleteAlarms: ResourceNotFound naming the first unknown alarm; then nothing is deleted.
  Result<void> delete_alarms(const std::vector<std::string>& names);

  const Alarm* find(const std::string& name) const;
  // Puts back the state and history an alarm had before a lab restart (Alarm::state_record()).
  // ResourceNotFound for an unknown alarm.
  Result<void> restore_state(const std::string& name, const nlohmann::json& record);
  // DescribeAlarms: sorted by name, filtered by name prefix and state.
  std::vector<const Alarm*> describe(const std::string& name_prefix = {},
                                     std::optional<AlarmState> state = std::nullopt) const;

  // SetAlarmState: the state holds until the alarm's next evaluation, i.e. until another of its
  // periods completes. `reason_data` is JSON text or empty. ResourceNotFound for an unknown
  // alarm, ValidationError for a bad state value or reason, InvalidFormat for bad JSON.
  Result<void> set_alarm_state(const std::string& name, const std::string& state_value,
                               const std::string& reason, const std::string& reason_data,
                               TimePoint now);

  // Evaluates every alarm that is new, reconfigured, or whose window (alarm_decision.h) has
  // moved since its last evaluation; calling it more often changes nothing. Call it at least
  // once a second of lab time. Returns the transitions made, in alarm-name order.
  std::vector<AlarmTransition> evaluate(TimePoint now);

  // The datapoints an evaluation at `now` looks at: one per period of the alarm's window, oldest
  // first, with the alarm's statistic, or nullopt for a period without data.
  // ResourceNotFound for an unknown alarm.
  Result<std::vector<std::pair<TimePoint, std::optional<double>>>> window_datapoints(
      const std::string& name, TimePoint now) const;

  // DescribeAlarmHistory: newest first.
  std::vector<AlarmHistoryItem> history(const HistoryQuery& query = {}) const;

  const std::string& region() const { return region_; }

 private:
  struct Entry {
    Alarm alarm;
    std::optional<TimePoint> evaluated_until;  // end of the window last evaluated
  };

  std::optional<StateChange> evaluate_one(const Alarm& alarm, const EvaluationWindow& window,
                                          TimePoint now) const;
  std::vector<PeriodValue> window_periods(const Alarm& alarm, const EvaluationWindow& window) const;

  const MetricStore& store_;
  std::string region_;
  std::string account_;
  std::map<std::string, Entry> alarms_;
};

}  // namespace faultbox::monitoring
