// The experiment JSON (GetExperiment's shape) read once into plain fields, tolerantly: a missing
// or mistyped member reads as empty, so a report can be made from a partial or older document.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"

namespace faultbox::report {

struct ActionView {
  std::string name;
  std::string action_id;
  std::string description;
  std::string status;  // "completed", "stopped", "cancelled", ...
  std::string reason;
  std::optional<TimePoint> start;
  std::optional<TimePoint> end;
  nlohmann::json targets = nlohmann::json::object();
  nlohmann::json start_after = nlohmann::json::array();
  nlohmann::json parameters = nlohmann::json::object();
};

struct ExperimentView {
  std::string id;
  std::string template_id;
  std::string status;
  std::string reason;
  std::string error_code;
  std::string error_location;
  std::optional<TimePoint> start;
  std::optional<TimePoint> end;
  std::vector<ActionView> actions;  // by start time; actions that never started last, by name
  nlohmann::json targets = nlohmann::json::object();
  nlohmann::json stop_conditions = nlohmann::json::array();
  std::vector<std::string> stop_alarm_names;  // alarm names from aws:cloudwatch:alarm conditions

  bool terminal() const;
  std::optional<Duration> duration() const;  // set once both start and end are known
  int count_actions(std::string_view status) const;
};

// One resource a target resolved to (ListExperimentResolvedTargets' entries, flattened).
struct ResolvedRow {
  std::string target_name;
  std::string resource_type;
  std::string arn;
  std::string resource_id;  // the ARN's last path segment, e.g. "i-0abc..."
};

// Reads GetExperiment's "experiment" object; a whole response ({"experiment": {...}}) is
// unwrapped.
ExperimentView read_experiment(const nlohmann::json& experiment);

// Reads ListExperimentResolvedTargets' list (or a response holding "resolvedTargets"), sorted by
// target name, then ARN.
std::vector<ResolvedRow> read_resolved_targets(const nlohmann::json& resolved);

// The member's value, or null when absent or when `object` is not an object.
const nlohmann::json& member(const nlohmann::json& object, std::string_view key);

// The member's string value, or "" when absent or not a string.
std::string string_member(const nlohmann::json& object, std::string_view key);

}  // namespace faultbox::report
