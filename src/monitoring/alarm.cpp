// Alarm state transitions and their history items, in CloudWatch's wording.
#include "monitoring/alarm.h"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "core/json_text.h"
#include "monitoring/time_text.h"

namespace faultbox::monitoring {

namespace {
constexpr std::array<std::string_view, 3> kStateNames = {"OK", "ALARM", "INSUFFICIENT_DATA"};

nlohmann::json state_json(AlarmState state, const std::string& reason, const nlohmann::json& data) {
  nlohmann::json j = {{"stateValue", state_name(state)}, {"stateReason", reason}};
  if (!data.is_null()) {
    j["stateReasonData"] = data;
  }
  return j;
}

nlohmann::json config_json(const AlarmSpec& spec) {
  auto j = spec.to_api_json();
  j["StateValue"] = "INSUFFICIENT_DATA";
  return j;
}
}  // namespace

std::string_view state_name(AlarmState s) { return kStateNames[static_cast<std::size_t>(s)]; }

std::optional<AlarmState> parse_state(std::string_view name) {
  for (std::size_t i = 0; i < kStateNames.size(); ++i) {
    if (kStateNames[i] == name) {
      return static_cast<AlarmState>(i);
    }
  }
  return std::nullopt;
}

nlohmann::json AlarmHistoryItem::to_api_json() const {
  return {{"AlarmName", alarm_name},
          {"AlarmType", "MetricAlarm"},
          {"Timestamp", api_time(timestamp)},
          {"HistoryItemType",
           type == HistoryItemType::StateUpdate ? "StateUpdate" : "ConfigurationUpdate"},
          {"HistorySummary", summary},
          {"HistoryData", json_text(data)}};
}

Alarm::Alarm(AlarmSpec spec, std::string arn, TimePoint now)
    : spec_(std::move(spec)),
      arn_(std::move(arn)),
      reason_("Unchecked: Initial alarm creation"),
      state_updated_(now),
      configuration_updated_(now) {
  record(HistoryItemType::ConfigurationUpdate,
         fmt::format("Alarm \"{}\" created", spec_.alarm_name),
         {{"version", "1.0"}, {"type", "Create"}, {"createdAlarm", config_json(spec_)}}, now);
}

void Alarm::reconfigure(AlarmSpec spec, TimePoint now) {
  nlohmann::json data = {{"version", "1.0"},
                         {"type", "Update"},
                         {"originalUpdatedFields", spec_.to_api_json()},
                         {"updatedAlarm", spec.to_api_json()}};
  spec_ = std::move(spec);
  configuration_updated_ = now;
  record(HistoryItemType::ConfigurationUpdate,
         fmt::format("Alarm \"{}\" updated", spec_.alarm_name), std::move(data), now);
}

bool Alarm::transition(const StateChange& change, TimePoint now) {
  if (change.state == state_) {
    return false;
  }
  nlohmann::json data = {{"version", "1.0"},
                         {"oldState", state_json(state_, reason_, reason_data_)},
                         {"newState", state_json(change.state, change.reason, change.reason_data)}};
  auto summary =
      fmt::format("Alarm updated from {} to {}", state_name(state_), state_name(change.state));
  state_ = change.state;
  reason_ = change.reason;
  reason_data_ = change.reason_data;
  state_updated_ = now;
  record(HistoryItemType::StateUpdate, std::move(summary), std::move(data), now);
  return true;
}

void Alarm::record(HistoryItemType type, std::string summary, nlohmann::json data, TimePoint now) {
  history_.push_back({spec_.alarm_name, now, type, std::move(summary), std::move(data)});
  if (history_.size() > kMaxHistoryItems) {
    history_.pop_front();
  }
}

nlohmann::json Alarm::to_api_json() const {
  auto j = spec_.to_api_json();
  j["AlarmArn"] = arn_;
  j["StateValue"] = state_name(state_);
  j["StateReason"] = reason_;
  if (!reason_data_.is_null()) {
    j["StateReasonData"] = json_text(reason_data_);
  }
  j["StateUpdatedTimestamp"] = api_time(state_updated_);
  j["StateTransitionedTimestamp"] = api_time(state_updated_);
  j["AlarmConfigurationUpdatedTimestamp"] = api_time(configuration_updated_);
  return j;
}

namespace {
long long millis(TimePoint t) { return t.time_since_epoch().count(); }
TimePoint from_millis(const nlohmann::json& j, const char* key) {
  return TimePoint(Duration(j.value(key, 0LL)));
}
}  // namespace

nlohmann::json Alarm::state_record() const {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& h : history_) {
    items.push_back({{"at_ms", millis(h.timestamp)},
                     {"state_update", h.type == HistoryItemType::StateUpdate},
                     {"summary", h.summary},
                     {"data", h.data}});
  }
  return {{"state", state_name(state_)},
          {"reason", reason_},
          {"reason_data", reason_data_},
          {"state_updated_ms", millis(state_updated_)},
          {"config_updated_ms", millis(configuration_updated_)},
          {"history", items}};
}

void Alarm::restore_record(const nlohmann::json& record) {
  state_ = parse_state(record.value("state", "")).value_or(AlarmState::InsufficientData);
  reason_ = record.value("reason", "");
  reason_data_ = record.value("reason_data", nlohmann::json());
  state_updated_ = from_millis(record, "state_updated_ms");
  configuration_updated_ = from_millis(record, "config_updated_ms");
  history_.clear();
  for (const auto& h : record.value("history", nlohmann::json::array())) {
    history_.push_back({spec_.alarm_name, from_millis(h, "at_ms"),
                        h.value("state_update", false) ? HistoryItemType::StateUpdate
                                                       : HistoryItemType::ConfigurationUpdate,
                        h.value("summary", ""), h.value("data", nlohmann::json::object())});
  }
}

}  // namespace faultbox::monitoring
