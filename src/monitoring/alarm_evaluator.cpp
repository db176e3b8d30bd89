// Alarm bookkeeping and the evaluation loop; the decision itself is alarm_decision.cpp's.
#include "monitoring/alarm_evaluator.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/arn.h"
#include "core/aws_errors.h"

namespace faultbox::monitoring {

namespace {
constexpr std::size_t kMaxReasonLength = 1023;
constexpr std::size_t kMaxReasonDataLength = 4000;
}  // namespace

AlarmEvaluator::AlarmEvaluator(const MetricStore& store, std::string region, std::string account)
    : store_(store), region_(std::move(region)), account_(std::move(account)) {}

Result<const Alarm*> AlarmEvaluator::put_alarm(AlarmSpec spec, TimePoint now) {
  FAULTBOX_TRY_VOID(spec.validate());
  auto it = alarms_.find(spec.alarm_name);
  if (it == alarms_.end()) {
    auto name = spec.alarm_name;
    auto arn = arn::alarm(region_, account_, name);
    it = alarms_.emplace(name, Entry{Alarm(std::move(spec), std::move(arn), now), std::nullopt})
             .first;
  } else if (!(it->second.alarm.spec() == spec)) {
    it->second.alarm.reconfigure(std::move(spec), now);
    it->second.evaluated_until.reset();
  }
  return &it->second.alarm;
}

Result<void> AlarmEvaluator::delete_alarms(const std::vector<std::string>& names) {
  for (const auto& name : names) {
    if (!alarms_.contains(name)) {
      return query_errors::resource_not_found(fmt::format("Alarm {} not found", name));
    }
  }
  for (const auto& name : names) {
    alarms_.erase(name);
  }
  return {};
}

const Alarm* AlarmEvaluator::find(const std::string& name) const {
  auto it = alarms_.find(name);
  return it == alarms_.end() ? nullptr : &it->second.alarm;
}

Result<void> AlarmEvaluator::restore_state(const std::string& name, const nlohmann::json& record) {
  auto it = alarms_.find(name);
  if (it == alarms_.end()) {
    return query_errors::resource_not_found(fmt::format("Alarm {} not found", name));
  }
  it->second.alarm.restore_record(record);
  return {};
}

std::vector<const Alarm*> AlarmEvaluator::describe(const std::string& name_prefix,
                                                   std::optional<AlarmState> state) const {
  std::vector<const Alarm*> out;
  for (const auto& [name, entry] : alarms_) {
    if (name.starts_with(name_prefix) && (!state || entry.alarm.state() == *state)) {
      out.push_back(&entry.alarm);
    }
  }
  return out;
}

Result<void> AlarmEvaluator::set_alarm_state(const std::string& name,
                                             const std::string& state_value,
                                             const std::string& reason,
                                             const std::string& reason_data, TimePoint now) {
  auto state = parse_state(state_value);
  if (!state) {
    return query_errors::validation(fmt::format(
        "1 validation error detected: Value '{}' at 'stateValue' failed to satisfy constraint: "
        "Member must satisfy enum value set: [INSUFFICIENT_DATA, ALARM, OK]",
        state_value));
  }
  if (reason.size() > kMaxReasonLength) {
    return query_errors::validation(
        "1 validation error detected: Value at 'stateReason' failed to satisfy constraint: "
        "Member must have length less than or equal to 1023");
  }
  nlohmann::json data;
  if (!reason_data.empty()) {
    data = nlohmann::json::parse(reason_data, nullptr, false);
    if (data.is_discarded() || reason_data.size() > kMaxReasonDataLength) {
      return Error("InvalidFormat", "StateReasonData must be JSON of at most 4000 characters.");
    }
  }
  auto it = alarms_.find(name);
  if (it == alarms_.end()) {
    return query_errors::resource_not_found(fmt::format("Alarm {} not found", name));
  }
  auto& entry = it->second;
  entry.alarm.transition({*state, reason, std::move(data)}, now);
  if (!entry.evaluated_until) {
    // Hold the manual state until a period completes, also for a never-evaluated alarm.
    entry.evaluated_until = evaluation_window(entry.alarm.spec(), now).end;
  }
  return {};
}

std::vector<AlarmTransition> AlarmEvaluator::evaluate(TimePoint now) {
  std::vector<AlarmTransition> out;
  for (auto& [name, entry] : alarms_) {
    auto window = evaluation_window(entry.alarm.spec(), now);
    if (entry.evaluated_until && *entry.evaluated_until >= window.end) {
      continue;
    }
    entry.evaluated_until = window.end;
    auto before = entry.alarm.state();
    auto change = evaluate_one(entry.alarm, window, now);
    if (change && entry.alarm.transition(*change, now)) {
      out.push_back({name, before, change->state, now});
    }
  }
  return out;
}

std::vector<PeriodValue> AlarmEvaluator::window_periods(const Alarm& alarm,
                                                        const EvaluationWindow& window) const {
  const auto& spec = alarm.spec();
  auto period = std::chrono::duration_cast<Duration>(spec.period);
  auto found = store_.periods(spec.metric_key(), window.start, window.end, period);
  std::vector<PeriodValue> periods;
  auto next = found.begin();
  for (auto t = window.start; t < window.end; t += period) {
    PeriodValue p{t, std::nullopt};
    if (next != found.end() && next->timestamp == t) {
      p.values = next->values;
      ++next;
    }
    periods.push_back(p);
  }
  return periods;
}

std::optional<StateChange> AlarmEvaluator::evaluate_one(const Alarm& alarm,
                                                        const EvaluationWindow& window,
                                                        TimePoint now) const {
  return decide(alarm.spec(), window_periods(alarm, window), window, alarm.state(), now);
}

Result<std::vector<std::pair<TimePoint, std::optional<double>>>> AlarmEvaluator::window_datapoints(
    const std::string& name, TimePoint now) const {
  const Alarm* alarm = find(name);
  if (!alarm) {
    return query_errors::resource_not_found(fmt::format("Alarm {} not found", name));
  }
  std::vector<std::pair<TimePoint, std::optional<double>>> out;
  for (const auto& p : window_periods(*alarm, evaluation_window(alarm->spec(), now))) {
    out.emplace_back(p.start, p.values ? std::optional<double>(
                                             statistic_value(*p.values, alarm->spec().statistic))
                                       : std::nullopt);
  }
  return out;
}

std::vector<AlarmHistoryItem> AlarmEvaluator::history(const HistoryQuery& query) const {
  std::vector<AlarmHistoryItem> out;
  for (const auto& [name, entry] : alarms_) {
    if (!query.alarm_name.empty() && name != query.alarm_name) {
      continue;
    }
    const auto& items = entry.alarm.history();
    for (auto it = items.rbegin(); it != items.rend(); ++it) {
      const auto& item = *it;
      if ((!query.type || item.type == *query.type) &&
          (!query.start || item.timestamp >= *query.start) &&
          (!query.end || item.timestamp <= *query.end)) {
        out.push_back(item);
      }
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.timestamp > b.timestamp; });
  return out;
}

}  // namespace faultbox::monitoring
