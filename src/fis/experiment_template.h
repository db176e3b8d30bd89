// The FIS experiment template: CreateExperimentTemplate input, GetExperimentTemplate output, and
// UpdateExperimentTemplate's merge. JSON member names are the API's (see fis/wire.h).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "fis/json_input.h"

namespace faultbox::fis {

struct TargetFilter {
  std::string path;  // e.g. "State.Name", "Placement.AvailabilityZone"
  std::vector<std::string> values;
};

struct TemplateTarget {
  std::string resource_type;
  std::vector<std::string> resource_arns;
  StringMap resource_tags;
  std::vector<TargetFilter> filters;
  std::string selection_mode;  // "ALL", "COUNT(n)", "PERCENT(n)"
  StringMap parameters;
};

struct TemplateAction {
  std::string action_id;
  std::string description;
  StringMap parameters;                  // every value is a string on the wire
  StringMap targets;                     // target key ("Instances") → target name
  std::vector<std::string> start_after;  // action names
};

struct StopCondition {
  std::string source;  // "aws:cloudwatch:alarm" or "none"
  std::optional<std::string> value;
};

struct LogConfiguration {
  std::optional<std::string> log_group_arn;
  std::optional<std::string> s3_bucket_name;
  std::optional<std::string> s3_prefix;
  std::int64_t log_schema_version = 2;
};

struct TemplateOptions {
  std::string account_targeting = "single-account";
  std::string empty_target_resolution_mode = "fail";
};

struct ExperimentTemplate {
  std::string id;   // "EXT" + base62, assigned at create
  std::string arn;  // arn:aws:fis:<region>:<account>:experiment-template/<id>
  std::string client_token;
  std::string description;
  std::map<std::string, TemplateTarget> targets;
  std::map<std::string, TemplateAction> actions;
  std::vector<StopCondition> stop_conditions;
  std::string role_arn;
  StringMap tags;
  std::optional<LogConfiguration> log_configuration;
  TemplateOptions experiment_options;
  nlohmann::json report_configuration;  // experimentReportConfiguration, kept verbatim (or null)
  TimePoint creation_time{};
  TimePoint last_update_time{};
};

// UpdateExperimentTemplate's body: each present section replaces the stored one wholesale
// (actions, targets, stopConditions are complete sets, as Terraform sends them).
struct TemplateUpdate {
  std::optional<std::string> description;
  std::optional<std::map<std::string, TemplateTarget>> targets;
  std::optional<std::map<std::string, TemplateAction>> actions;
  std::optional<std::vector<StopCondition>> stop_conditions;
  std::optional<std::string> role_arn;
  // Present with nullopt inside: an empty logConfiguration, which turns logging off.
  std::optional<std::optional<LogConfiguration>> log_configuration;
  std::optional<std::string> empty_target_resolution_mode;
  std::optional<nlohmann::json> report_configuration;
};

// Parses CreateExperimentTemplate's JSON body. Checks JSON types and member names only (unknown
// members are rejected by name); required members and semantics are TemplateValidator's job.
// A missing "targets" reads as {}. Map entries whose value is null are dropped.
Result<ExperimentTemplate> parse_create_template(const nlohmann::json& body);

// Parses UpdateExperimentTemplate's JSON body ("tags", "clientToken" and
// "experimentOptions.accountTargeting" are not updatable and are rejected as unknown).
Result<TemplateUpdate> parse_template_update(const nlohmann::json& body);

// Applies an update (the result still needs validating); lastUpdateTime becomes `now`.
ExperimentTemplate apply_update(const ExperimentTemplate& current, const TemplateUpdate& update,
                                TimePoint now);

// GetExperimentTemplate's "experimentTemplate" object; times as epoch seconds.
nlohmann::json to_json(const ExperimentTemplate& t);
// The same definition sections an experiment echoes (targets, actions without state).
nlohmann::json targets_to_json(const std::map<std::string, TemplateTarget>& targets);
nlohmann::json action_definition_to_json(const TemplateAction& a);
nlohmann::json stop_conditions_to_json(const std::vector<StopCondition>& conditions);
nlohmann::json log_configuration_to_json(const LogConfiguration& log);

// Epoch seconds with milliseconds, the rest-json timestamp form (1616432509.662).
double epoch_seconds(TimePoint t);

// Ids as FIS draws them: prefix ("EXT", "EXP") + base62.
std::string make_id(std::string_view prefix, std::mt19937_64& rng);

}  // namespace faultbox::fis
