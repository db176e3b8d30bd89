// Template serialisation (GetExperimentTemplate's shape), update merge, ids and ARNs.
#include "fis/experiment_template.h"

#include "fis/wire.h"

namespace faultbox::fis {

using nlohmann::json;

double epoch_seconds(TimePoint t) {
  return static_cast<double>(t.time_since_epoch().count()) / 1000.0;
}

std::string make_id(std::string_view prefix, std::mt19937_64& rng) {
  static constexpr std::string_view kAlphabet =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  std::uniform_int_distribution<std::size_t> pick(0, kAlphabet.size() - 1);
  std::string id(prefix);
  for (int i = 0; i < 14; ++i) {
    id += kAlphabet[pick(rng)];
  }
  return id;
}

json targets_to_json(const std::map<std::string, TemplateTarget>& targets) {
  json out = json::object();
  for (const auto& [name, t] : targets) {
    json j = {{wire::kResourceType, t.resource_type}, {wire::kSelectionMode, t.selection_mode}};
    if (!t.resource_arns.empty()) {
      j[wire::kResourceArns] = t.resource_arns;
    }
    if (!t.resource_tags.empty()) {
      j[wire::kResourceTags] = t.resource_tags;
    }
    if (!t.filters.empty()) {
      json filters = json::array();
      for (const auto& f : t.filters) {
        filters.push_back({{wire::kPath, f.path}, {wire::kValues, f.values}});
      }
      j[wire::kFilters] = std::move(filters);
    }
    if (!t.parameters.empty()) {
      j[wire::kParameters] = t.parameters;
    }
    out[name] = std::move(j);
  }
  return out;
}

json action_definition_to_json(const TemplateAction& a) {
  json j = {{wire::kActionId, a.action_id}, {wire::kParameters, a.parameters}};
  if (!a.description.empty()) {
    j[wire::kDescription] = a.description;
  }
  if (!a.targets.empty()) {
    j[wire::kTargets] = a.targets;
  }
  if (!a.start_after.empty()) {
    j[wire::kStartAfter] = a.start_after;
  }
  return j;
}

json stop_conditions_to_json(const std::vector<StopCondition>& conditions) {
  json out = json::array();
  for (const auto& c : conditions) {
    json j = {{wire::kSource, c.source}};
    if (c.value) {
      j[wire::kValue] = *c.value;
    }
    out.push_back(std::move(j));
  }
  return out;
}

json log_configuration_to_json(const LogConfiguration& log) {
  json j = {{wire::kLogSchemaVersion, log.log_schema_version}};
  if (log.log_group_arn) {
    j[wire::kCloudWatchLogs] = {{wire::kLogGroupArn, *log.log_group_arn}};
  }
  if (log.s3_bucket_name) {
    j[wire::kS3Configuration] = {{wire::kBucketName, *log.s3_bucket_name}};
    if (log.s3_prefix) {
      j[wire::kS3Configuration][wire::kPrefix] = *log.s3_prefix;
    }
  }
  return j;
}

json to_json(const ExperimentTemplate& t) {
  json actions = json::object();
  for (const auto& [name, a] : t.actions) {
    actions[name] = action_definition_to_json(a);
  }
  json j = {{wire::kId, t.id},
            {wire::kArn, t.arn},
            {wire::kDescription, t.description},
            {wire::kTargets, targets_to_json(t.targets)},
            {wire::kActions, std::move(actions)},
            {wire::kStopConditions, stop_conditions_to_json(t.stop_conditions)},
            {wire::kCreationTime, epoch_seconds(t.creation_time)},
            {wire::kLastUpdateTime, epoch_seconds(t.last_update_time)},
            {wire::kRoleArn, t.role_arn},
            {wire::kTags, t.tags},
            {wire::kExperimentOptions,
             {{wire::kAccountTargeting, t.experiment_options.account_targeting},
              {wire::kEmptyTargetMode, t.experiment_options.empty_target_resolution_mode}}}};
  if (t.log_configuration) {
    j[wire::kLogConfiguration] = log_configuration_to_json(*t.log_configuration);
  }
  if (!t.report_configuration.is_null()) {
    j[wire::kReportConfiguration] = t.report_configuration;
  }
  return j;
}

ExperimentTemplate apply_update(const ExperimentTemplate& current, const TemplateUpdate& update,
                                TimePoint now) {
  ExperimentTemplate t = current;
  if (update.description) {
    t.description = *update.description;
  }
  if (update.targets) {
    t.targets = *update.targets;
  }
  if (update.actions) {
    t.actions = *update.actions;
  }
  if (update.stop_conditions) {
    t.stop_conditions = *update.stop_conditions;
  }
  if (update.role_arn) {
    t.role_arn = *update.role_arn;
  }
  if (update.log_configuration) {
    t.log_configuration = *update.log_configuration;
  }
  if (update.empty_target_resolution_mode) {
    t.experiment_options.empty_target_resolution_mode = *update.empty_target_resolution_mode;
  }
  if (update.report_configuration) {
    t.report_configuration = *update.report_configuration;
  }
  t.last_update_time = now;
  return t;
}

}  // namespace faultbox::fis
