// Reads CreateExperimentTemplate / UpdateExperimentTemplate bodies into the template model.
#include "fis/experiment_template.h"
#include "fis/wire.h"

namespace faultbox::fis {
namespace {

using nlohmann::json;

template <class T>
T value_or_empty(std::optional<T> v) {
  return v ? std::move(*v) : T{};
}

Result<std::vector<TargetFilter>> parse_filters(const json& obj, const std::string& where) {
  std::vector<TargetFilter> out;
  auto it = obj.find(wire::kFilters);
  if (it == obj.end() || it->is_null()) {
    return out;
  }
  const std::string path = member_path(where, wire::kFilters);
  if (!it->is_array()) {
    return errors::validation("Invalid type for parameter " + path + ", valid types: list");
  }
  for (std::size_t i = 0; i < it->size(); ++i) {
    const std::string item = path + "[" + std::to_string(i) + "]";
    FAULTBOX_TRY_VOID(check_members((*it)[i], item, {wire::kPath, wire::kValues}));
    FAULTBOX_TRY(filter_path, opt_string((*it)[i], wire::kPath, item));
    FAULTBOX_TRY(values, opt_string_list((*it)[i], wire::kValues, item));
    if (!filter_path || !values) {
      return errors::validation("Missing required parameter in " + item + ": \"" +
                                std::string(filter_path ? wire::kValues : wire::kPath) + "\"");
    }
    out.push_back({*filter_path, *values});
  }
  return out;
}

Result<TemplateTarget> parse_target(const json& obj, const std::string& where) {
  FAULTBOX_TRY_VOID(check_members(obj, where,
                                  {wire::kResourceType, wire::kResourceArns, wire::kResourceTags,
                                   wire::kFilters, wire::kSelectionMode, wire::kParameters}));
  TemplateTarget t;
  FAULTBOX_TRY(type, opt_string(obj, wire::kResourceType, where));
  FAULTBOX_TRY(arns, opt_string_list(obj, wire::kResourceArns, where));
  FAULTBOX_TRY(tags, opt_string_map(obj, wire::kResourceTags, where));
  FAULTBOX_TRY(filters, parse_filters(obj, where));
  FAULTBOX_TRY(mode, opt_string(obj, wire::kSelectionMode, where));
  FAULTBOX_TRY(params, opt_string_map(obj, wire::kParameters, where));
  t.resource_type = value_or_empty(type);
  t.resource_arns = value_or_empty(arns);
  t.resource_tags = value_or_empty(tags);
  t.filters = std::move(filters);
  t.selection_mode = value_or_empty(mode);
  t.parameters = value_or_empty(params);
  return t;
}

Result<TemplateAction> parse_action(const json& obj, const std::string& where) {
  FAULTBOX_TRY_VOID(check_members(
      obj, where,
      {wire::kActionId, wire::kDescription, wire::kParameters, wire::kTargets, wire::kStartAfter}));
  FAULTBOX_TRY(id, opt_string(obj, wire::kActionId, where));
  FAULTBOX_TRY(description, opt_string(obj, wire::kDescription, where));
  FAULTBOX_TRY(params, opt_string_map(obj, wire::kParameters, where));
  FAULTBOX_TRY(targets, opt_string_map(obj, wire::kTargets, where));
  FAULTBOX_TRY(after, opt_string_list(obj, wire::kStartAfter, where));
  return TemplateAction{value_or_empty(id), value_or_empty(description), value_or_empty(params),
                        value_or_empty(targets), value_or_empty(after)};
}

// Parses a name → entry map, dropping null entries.
template <class T, class F>
Result<std::optional<std::map<std::string, T>>> parse_named(const json& body, std::string_view key,
                                                            F parse_one) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) {
    return std::optional<std::map<std::string, T>>();
  }
  FAULTBOX_TRY_VOID(expect_object(*it, key));
  std::map<std::string, T> out;
  for (const auto& [name, entry] : it->items()) {
    if (entry.is_null()) {
      continue;
    }
    FAULTBOX_TRY(parsed, parse_one(entry, std::string(key) + "." + name));
    out.emplace(name, std::move(parsed));
  }
  return std::optional<std::map<std::string, T>>(std::move(out));
}

Result<std::optional<std::vector<StopCondition>>> parse_stop_conditions(const json& body) {
  auto it = body.find(wire::kStopConditions);
  if (it == body.end() || it->is_null()) {
    return std::optional<std::vector<StopCondition>>();
  }
  if (!it->is_array()) {
    return errors::validation("Invalid type for parameter stopConditions, valid types: list");
  }
  std::vector<StopCondition> out;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const std::string where = "stopConditions[" + std::to_string(i) + "]";
    FAULTBOX_TRY_VOID(check_members((*it)[i], where, {wire::kSource, wire::kValue}));
    FAULTBOX_TRY(source, opt_string((*it)[i], wire::kSource, where));
    FAULTBOX_TRY(value, opt_string((*it)[i], wire::kValue, where));
    out.push_back({value_or_empty(source), value});
  }
  return std::optional<std::vector<StopCondition>>(std::move(out));
}

Result<std::optional<LogConfiguration>> parse_log(const json& obj) {
  const std::string where(wire::kLogConfiguration);
  FAULTBOX_TRY_VOID(check_members(
      obj, where, {wire::kCloudWatchLogs, wire::kS3Configuration, wire::kLogSchemaVersion}));
  if (obj.empty()) {
    return std::optional<LogConfiguration>();
  }
  LogConfiguration log;
  if (auto cw = obj.find(wire::kCloudWatchLogs); cw != obj.end() && !cw->is_null()) {
    const std::string cw_where = where + "." + std::string(wire::kCloudWatchLogs);
    FAULTBOX_TRY_VOID(check_members(*cw, cw_where, {wire::kLogGroupArn}));
    FAULTBOX_TRY(arn, opt_string(*cw, wire::kLogGroupArn, cw_where));
    log.log_group_arn = arn;
  }
  if (auto s3 = obj.find(wire::kS3Configuration); s3 != obj.end() && !s3->is_null()) {
    const std::string s3_where = where + "." + std::string(wire::kS3Configuration);
    FAULTBOX_TRY_VOID(check_members(*s3, s3_where, {wire::kBucketName, wire::kPrefix}));
    FAULTBOX_TRY(bucket, opt_string(*s3, wire::kBucketName, s3_where));
    FAULTBOX_TRY(prefix, opt_string(*s3, wire::kPrefix, s3_where));
    log.s3_bucket_name = bucket;
    log.s3_prefix = prefix;
  }
  FAULTBOX_TRY(version, opt_integer(obj, wire::kLogSchemaVersion, where));
  log.log_schema_version = version.value_or(0);
  return std::optional<LogConfiguration>(std::move(log));
}

}  // namespace

Result<ExperimentTemplate> parse_create_template(const json& body) {
  FAULTBOX_TRY_VOID(
      check_members(body, "input",
                    {wire::kClientToken, wire::kDescription, wire::kStopConditions, wire::kTargets,
                     wire::kActions, wire::kRoleArn, wire::kTags, wire::kLogConfiguration,
                     wire::kExperimentOptions, wire::kReportConfiguration}));
  ExperimentTemplate t;
  FAULTBOX_TRY(token, opt_string(body, wire::kClientToken, "input"));
  FAULTBOX_TRY(description, opt_string(body, wire::kDescription, "input"));
  FAULTBOX_TRY(role, opt_string(body, wire::kRoleArn, "input"));
  FAULTBOX_TRY(tags, opt_string_map(body, wire::kTags, "input"));
  FAULTBOX_TRY(targets, parse_named<TemplateTarget>(body, wire::kTargets, parse_target));
  FAULTBOX_TRY(actions, parse_named<TemplateAction>(body, wire::kActions, parse_action));
  FAULTBOX_TRY(stops, parse_stop_conditions(body));
  t.client_token = value_or_empty(token);
  t.description = value_or_empty(description);
  t.role_arn = value_or_empty(role);
  t.tags = value_or_empty(tags);
  t.targets = value_or_empty(targets);
  t.actions = value_or_empty(actions);
  t.stop_conditions = value_or_empty(stops);
  if (auto log = body.find(wire::kLogConfiguration); log != body.end() && !log->is_null()) {
    FAULTBOX_TRY(parsed, parse_log(*log));
    t.log_configuration = parsed;
  }
  if (auto opts = body.find(wire::kExperimentOptions); opts != body.end() && !opts->is_null()) {
    const std::string where(wire::kExperimentOptions);
    FAULTBOX_TRY_VOID(
        check_members(*opts, where, {wire::kAccountTargeting, wire::kEmptyTargetMode}));
    FAULTBOX_TRY(targeting, opt_string(*opts, wire::kAccountTargeting, where));
    FAULTBOX_TRY(empty_mode, opt_string(*opts, wire::kEmptyTargetMode, where));
    t.experiment_options.account_targeting = targeting.value_or(std::string(wire::kSingleAccount));
    t.experiment_options.empty_target_resolution_mode =
        empty_mode.value_or(std::string(wire::kModeFail));
  }
  t.report_configuration = body.value(wire::kReportConfiguration, json());
  return t;
}

Result<TemplateUpdate> parse_template_update(const json& body) {
  FAULTBOX_TRY_VOID(check_members(body, "input",
                                  {wire::kDescription, wire::kStopConditions, wire::kTargets,
                                   wire::kActions, wire::kRoleArn, wire::kLogConfiguration,
                                   wire::kExperimentOptions, wire::kReportConfiguration}));
  TemplateUpdate u;
  FAULTBOX_TRY(description, opt_string(body, wire::kDescription, "input"));
  FAULTBOX_TRY(role, opt_string(body, wire::kRoleArn, "input"));
  FAULTBOX_TRY(targets, parse_named<TemplateTarget>(body, wire::kTargets, parse_target));
  FAULTBOX_TRY(actions, parse_named<TemplateAction>(body, wire::kActions, parse_action));
  FAULTBOX_TRY(stops, parse_stop_conditions(body));
  u.description = description;
  u.role_arn = role;
  u.targets = std::move(targets);
  u.actions = std::move(actions);
  u.stop_conditions = std::move(stops);
  if (auto log = body.find(wire::kLogConfiguration); log != body.end() && !log->is_null()) {
    FAULTBOX_TRY(parsed, parse_log(*log));
    u.log_configuration = parsed;
  }
  if (auto opts = body.find(wire::kExperimentOptions); opts != body.end() && !opts->is_null()) {
    const std::string where(wire::kExperimentOptions);
    FAULTBOX_TRY_VOID(check_members(*opts, where, {wire::kEmptyTargetMode}));
    FAULTBOX_TRY(empty_mode, opt_string(*opts, wire::kEmptyTargetMode, where));
    u.empty_target_resolution_mode = empty_mode;
  }
  if (auto report = body.find(wire::kReportConfiguration); report != body.end()) {
    u.report_configuration = *report;
  }
  return u;
}

}  // namespace faultbox::fis
