// A running or finished experiment: the template snapshot it started from, its state machine
// state, per-action states, resolved targets and log. Serialises to GetExperiment's shape.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "fis/action.h"
#include "fis/experiment_template.h"
#include "fis/target_resolver.h"

namespace faultbox::fis {

enum class ExperimentStatus {
  Pending,
  Initiating,
  Running,
  Completed,
  Stopping,
  Stopped,
  Failed,
  Cancelled
};
enum class ActionStatus {
  Pending,
  Initiating,
  Running,
  Completed,
  Cancelled,
  Skipped,
  Stopping,
  Stopped,
  Failed
};

// The API's lowercase words ("running", "stopped", ...).
std::string_view to_string(ExperimentStatus s);
std::string_view to_string(ActionStatus s);

struct ExperimentAction {
  TemplateAction definition;
  ActionStatus status = ActionStatus::Pending;
  std::string reason;
  std::optional<TimePoint> start_time;
  std::optional<TimePoint> end_time;
  std::unique_ptr<Action> impl;  // set once the action starts
  // Restored from a record while active: the runner rebuilds `impl` from its start time (the
  // fault applied again, its end time kept) before it carries on or rolls back.
  bool resume_after_restart = false;
};

// One experiment log record (FIS log schema version 2 without the envelope).
struct ExperimentLogRecord {
  TimePoint at;
  std::string log_type;  // experiment-start, target-resolution-end, action-start, ...
  nlohmann::json details;
};

struct Experiment {
  std::string id;                 // "EXP" + base62
  std::string arn;                // arn:aws:fis:<region>:<account>:experiment/<id>
  ExperimentTemplate definition;  // snapshot taken at start; template edits do not reach it
  ExperimentStatus status = ExperimentStatus::Pending;
  std::string reason;
  std::string stop_reason;  // the reason it ends with once `stopping` settles to `stopped`
  std::optional<std::string> error_code;      // set when failed (InvalidTarget, ...)
  std::optional<std::string> error_location;  // the action or target at fault
  std::map<std::string, ExperimentAction> actions;
  std::map<std::string, ResolvedTarget> resolved_targets;
  std::uint64_t seed = 0;  // target selection seed; the same seed replays the same picks
  std::string actions_mode = "run-all";
  // StartExperiment's clientToken: the same token again returns this experiment (idempotency).
  std::string client_token;
  StringMap tags;
  TimePoint creation_time{};
  std::optional<TimePoint> start_time;
  std::optional<TimePoint> end_time;
  std::vector<ExperimentLogRecord> log;

  bool terminal() const;
  void add_log(TimePoint at, std::string log_type, nlohmann::json details);
};

// GetExperiment's "experiment" object.
nlohmann::json to_json(const Experiment& e);
// ListExperimentResolvedTargets' "resolvedTargets" list, optionally for one target name.
nlohmann::json resolved_targets_json(const Experiment& e, const std::string& target_name = "");
// One log record in the FIS log format ({id, log_type, event_timestamp, version, details}).
nlohmann::json log_record_json(const Experiment& e, const ExperimentLogRecord& record);

}  // namespace faultbox::fis
