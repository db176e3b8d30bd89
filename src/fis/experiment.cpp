// Experiment status words and the GetExperiment / ListExperimentResolvedTargets JSON.
#include "fis/experiment.h"

#include <array>

#include "core/iso8601.h"
#include "fis/wire.h"

namespace faultbox::fis {

using nlohmann::json;

std::string_view to_string(ExperimentStatus s) {
  static constexpr std::array<std::string_view, 8> kNames = {"pending",   "initiating", "running",
                                                             "completed", "stopping",   "stopped",
                                                             "failed",    "cancelled"};
  return kNames[static_cast<std::size_t>(s)];
}

std::string_view to_string(ActionStatus s) {
  static constexpr std::array<std::string_view, 9> kNames = {"pending",   "initiating", "running",
                                                             "completed", "cancelled",  "skipped",
                                                             "stopping",  "stopped",    "failed"};
  return kNames[static_cast<std::size_t>(s)];
}

bool Experiment::terminal() const {
  return status == ExperimentStatus::Completed || status == ExperimentStatus::Stopped ||
         status == ExperimentStatus::Failed || status == ExperimentStatus::Cancelled;
}

void Experiment::add_log(TimePoint at, std::string log_type, json details) {
  log.push_back({at, std::move(log_type), std::move(details)});
}

namespace {

json action_json(const ExperimentAction& a) {
  json j = action_definition_to_json(a.definition);
  j[wire::kState] = {{wire::kStatus, to_string(a.status)}, {wire::kReason, a.reason}};
  if (a.start_time) {
    j[wire::kStartTime] = epoch_seconds(*a.start_time);
  }
  if (a.end_time) {
    j[wire::kEndTime] = epoch_seconds(*a.end_time);
  }
  return j;
}

json state_json(const Experiment& e) {
  json state = {{wire::kStatus, to_string(e.status)}, {wire::kReason, e.reason}};
  if (e.error_code) {
    state[wire::kError] = {{wire::kCode, *e.error_code}};
    if (e.error_location) {
      state[wire::kError][wire::kLocation] = *e.error_location;
    }
  }
  return state;
}

}  // namespace

json to_json(const Experiment& e) {
  const ExperimentTemplate& t = e.definition;
  json actions = json::object();
  for (const auto& [name, a] : e.actions) {
    actions[name] = action_json(a);
  }
  json j = {{wire::kId, e.id},
            {wire::kArn, e.arn},
            {wire::kExperimentTemplateId, t.id},
            {wire::kRoleArn, t.role_arn},
            {wire::kState, state_json(e)},
            {wire::kTargets, targets_to_json(t.targets)},
            {wire::kActions, std::move(actions)},
            {wire::kStopConditions, stop_conditions_to_json(t.stop_conditions)},
            {wire::kCreationTime, epoch_seconds(e.creation_time)},
            {wire::kTags, e.tags},
            {wire::kExperimentOptions,
             {{wire::kAccountTargeting, t.experiment_options.account_targeting},
              {wire::kEmptyTargetMode, t.experiment_options.empty_target_resolution_mode},
              {wire::kActionsMode, e.actions_mode}}}};
  if (e.start_time) {
    j[wire::kStartTime] = epoch_seconds(*e.start_time);
  }
  if (e.end_time) {
    j[wire::kEndTime] = epoch_seconds(*e.end_time);
  }
  if (t.log_configuration) {
    j[wire::kLogConfiguration] = log_configuration_to_json(*t.log_configuration);
  }
  return j;
}

json resolved_targets_json(const Experiment& e, const std::string& target_name) {
  json out = json::array();
  for (const auto& [name, target] : e.resolved_targets) {
    if (!target_name.empty() && name != target_name) {
      continue;
    }
    for (const auto& r : target.resources) {
      out.push_back({{wire::kResourceType, r.resource_type},
                     {wire::kTargetName, name},
                     {wire::kTargetInformation, {{wire::kArn, r.arn}}}});
    }
  }
  return out;
}

json log_record_json(const Experiment& e, const ExperimentLogRecord& record) {
  return {{wire::kLogId, e.id},
          {wire::kLogType, record.log_type},
          {wire::kLogTimestamp, format_iso8601(record.at)},
          {wire::kLogVersion, "2"},
          {wire::kLogDetails, record.details}};
}

}  // namespace faultbox::fis
