// One metric alarm: its configuration, state (OK / ALARM / INSUFFICIENT_DATA), state reason and
// the history DescribeAlarmHistory reports.
#pragma once

#include <cstddef>
#include <deque>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "monitoring/alarm_spec.h"

namespace faultbox::monitoring {

enum class AlarmState { Ok, Alarm, InsufficientData };

std::string_view state_name(AlarmState s);  // "OK", "ALARM", "INSUFFICIENT_DATA"
std::optional<AlarmState> parse_state(std::string_view name);

enum class HistoryItemType { ConfigurationUpdate, StateUpdate };

struct AlarmHistoryItem {
  std::string alarm_name;
  TimePoint timestamp;
  HistoryItemType type;
  std::string summary;  // "Alarm updated from OK to ALARM"
  nlohmann::json data;  // HistoryData, sent on the wire as a JSON string

  // DescribeAlarmHistory's AlarmHistoryItem.
  nlohmann::json to_api_json() const;
};

// A state an evaluation (or SetAlarmState) wants the alarm in, and why.
struct StateChange {
  AlarmState state;
  std::string reason;
  nlohmann::json reason_data;  // null when there is none (SetAlarmState without data)
};

// The oldest items go first beyond this many (CloudWatch keeps 30 days; the lab keeps a count).
inline constexpr std::size_t kMaxHistoryItems = 1000;

// Control strand only.
class Alarm {
 public:
  // A new alarm is INSUFFICIENT_DATA ("Unchecked: Initial alarm creation") and records a
  // ConfigurationUpdate "Alarm "<name>" created".
  Alarm(AlarmSpec spec, std::string arn, TimePoint now);

  // PutMetricAlarm on an existing name: the state is kept until the next evaluation.
  void reconfigure(AlarmSpec spec, TimePoint now);

  // Moves to `change.state`, recording a StateUpdate; returns false (and changes nothing) when
  // the alarm is already in that state.
  bool transition(const StateChange& change, TimePoint now);

  const AlarmSpec& spec() const { return spec_; }
  const std::string& arn() const { return arn_; }
  AlarmState state() const { return state_; }
  const std::string& state_reason() const { return reason_; }
  const nlohmann::json& state_reason_data() const { return reason_data_; }
  TimePoint state_updated() const { return state_updated_; }
  TimePoint configuration_updated() const { return configuration_updated_; }
  // Oldest first.
  const std::deque<AlarmHistoryItem>& history() const { return history_; }

  // DescribeAlarms' MetricAlarm.
  nlohmann::json to_api_json() const;

  // Persistence across lab restarts: state, reason, timestamps and history (not the spec, which
  // is saved as PutMetricAlarm input). restore_record() accepts what state_record() wrote.
  nlohmann::json state_record() const;
  void restore_record(const nlohmann::json& record);

 private:
  void record(HistoryItemType type, std::string summary, nlohmann::json data, TimePoint now);

  AlarmSpec spec_;
  std::string arn_;
  AlarmState state_ = AlarmState::InsufficientData;
  std::string reason_;
  nlohmann::json reason_data_;
  TimePoint state_updated_;
  TimePoint configuration_updated_;
  std::deque<AlarmHistoryItem> history_;
};

}  // namespace faultbox::monitoring
