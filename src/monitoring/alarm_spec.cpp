// AlarmSpec's enums, validation and DescribeAlarms rendering.
#include "monitoring/alarm_spec.h"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "core/aws_errors.h"

namespace faultbox::monitoring {

namespace {
constexpr std::array<std::pair<ComparisonOperator, std::string_view>, 4> kOperators = {{
    {ComparisonOperator::GreaterThanOrEqualToThreshold, "GreaterThanOrEqualToThreshold"},
    {ComparisonOperator::GreaterThanThreshold, "GreaterThanThreshold"},
    {ComparisonOperator::LessThanThreshold, "LessThanThreshold"},
    {ComparisonOperator::LessThanOrEqualToThreshold, "LessThanOrEqualToThreshold"},
}};
constexpr std::array<std::pair<TreatMissingData, std::string_view>, 4> kTreatMissing = {{
    {TreatMissingData::Missing, "missing"},
    {TreatMissingData::NotBreaching, "notBreaching"},
    {TreatMissingData::Breaching, "breaching"},
    {TreatMissingData::Ignore, "ignore"},
}};
constexpr std::size_t kMaxNameLength = 255;
constexpr std::size_t kMaxDimensions = 30;
constexpr std::int64_t kMaxEvaluationSeconds = 24 * 60 * 60;

// Coral's per-member constraint texts, which CloudWatch's ValidationError messages use.
void check_length(std::vector<std::string>& problems, const std::string& value,
                  std::string_view member) {
  if (value.empty()) {
    problems.push_back(fmt::format("Value '{}' at '{}' failed to satisfy constraint: Member must "
                                   "have length greater than or equal to 1",
                                   value, member));
  } else if (value.size() > kMaxNameLength) {
    problems.push_back(fmt::format("Value '{}' at '{}' failed to satisfy constraint: Member must "
                                   "have length less than or equal to 255",
                                   value, member));
  }
}

void check_min(std::vector<std::string>& problems, std::int64_t value, std::string_view member) {
  if (value < 1) {
    problems.push_back(fmt::format("Value '{}' at '{}' failed to satisfy constraint: Member must "
                                   "have value greater than or equal to 1",
                                   value, member));
  }
}

Result<void> joined(const std::vector<std::string>& problems) {
  if (problems.empty()) {
    return {};
  }
  std::string text = fmt::format("{} validation error{} detected: ", problems.size(),
                                 problems.size() == 1 ? "" : "s");
  for (std::size_t i = 0; i < problems.size(); ++i) {
    text += (i > 0 ? "; " : "") + problems[i];
  }
  return query_errors::validation(std::move(text));
}
}  // namespace

std::string_view operator_name(ComparisonOperator op) {
  return kOperators[static_cast<std::size_t>(op)].second;
}

std::optional<ComparisonOperator> parse_operator(std::string_view name) {
  for (const auto& [op, spelled] : kOperators) {
    if (spelled == name) {
      return op;
    }
  }
  return std::nullopt;
}

std::string_view operator_phrase(ComparisonOperator op) {
  switch (op) {
    case ComparisonOperator::GreaterThanOrEqualToThreshold:
      return "greater than or equal to";
    case ComparisonOperator::GreaterThanThreshold:
      return "greater than";
    case ComparisonOperator::LessThanThreshold:
      return "less than";
    case ComparisonOperator::LessThanOrEqualToThreshold:
      return "less than or equal to";
  }
  return "";
}

bool breaches(ComparisonOperator op, double value, double threshold) {
  switch (op) {
    case ComparisonOperator::GreaterThanOrEqualToThreshold:
      return value >= threshold;
    case ComparisonOperator::GreaterThanThreshold:
      return value > threshold;
    case ComparisonOperator::LessThanThreshold:
      return value < threshold;
    case ComparisonOperator::LessThanOrEqualToThreshold:
      return value <= threshold;
  }
  return false;
}

std::string_view treat_missing_name(TreatMissingData t) {
  return kTreatMissing[static_cast<std::size_t>(t)].second;
}

std::optional<TreatMissingData> parse_treat_missing(std::string_view name) {
  for (const auto& [t, spelled] : kTreatMissing) {
    if (spelled == name) {
      return t;
    }
  }
  return std::nullopt;
}

MetricKey AlarmSpec::metric_key() const {
  return MetricKey::make(metric_namespace, metric_name, dimensions);
}

Result<void> AlarmSpec::validate() const {
  std::vector<std::string> problems;
  check_length(problems, alarm_name, "alarmName");
  check_length(problems, metric_namespace, "namespace");
  check_length(problems, metric_name, "metricName");
  check_min(problems, period.count(), "period");
  check_min(problems, evaluation_periods, "evaluationPeriods");
  check_min(problems, datapoints_to_alarm, "datapointsToAlarm");
  if (dimensions.size() > kMaxDimensions) {
    problems.push_back(fmt::format("Value '[...{} dimensions]' at 'dimensions' failed to satisfy "
                                   "constraint: Member must have length less than or equal to 30",
                                   dimensions.size()));
  }
  FAULTBOX_TRY_VOID(joined(problems));
  auto p = period.count();
  if (p != 10 && p != 30 && p % 60 != 0) {
    return query_errors::validation(
        fmt::format("Period must be 10, 30 or a multiple of 60 seconds (got {}).", p));
  }
  if (datapoints_to_alarm > evaluation_periods) {
    return query_errors::validation(
        fmt::format("DatapointsToAlarm ({}) must be less than or equal to EvaluationPeriods ({}).",
                    datapoints_to_alarm, evaluation_periods));
  }
  if (p * evaluation_periods > kMaxEvaluationSeconds) {
    return query_errors::validation(fmt::format(
        "The evaluation period of the alarm (Period {} * EvaluationPeriods {}) must not exceed "
        "1 day (86400 seconds).",
        p, evaluation_periods));
  }
  return {};
}

nlohmann::json AlarmSpec::to_api_json() const {
  auto dims = nlohmann::json::array();
  for (const auto& d : dimensions) {
    dims.push_back({{"Name", d.name}, {"Value", d.value}});
  }
  nlohmann::json j = {
      {"AlarmName", alarm_name},
      {"Namespace", metric_namespace},
      {"MetricName", metric_name},
      {"Dimensions", dims},
      {"Statistic", statistic_name(statistic)},
      {"Period", period.count()},
      {"EvaluationPeriods", evaluation_periods},
      {"DatapointsToAlarm", datapoints_to_alarm},
      {"Threshold", threshold},
      {"ComparisonOperator", operator_name(comparison)},
      {"TreatMissingData", treat_missing_name(treat_missing)},
      {"ActionsEnabled", actions_enabled},
  };
  if (!alarm_description.empty()) {
    j["AlarmDescription"] = alarm_description;
  }
  return j;
}

}  // namespace faultbox::monitoring
