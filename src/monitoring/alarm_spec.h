// A metric alarm's configuration, with PutMetricAlarm's fields, its validation (CloudWatch's
// ValidationError texts) and readers for the API's and Terraform's attribute names.
#pragma once

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "monitoring/metric_key.h"
#include "monitoring/statistic.h"

namespace faultbox::monitoring {

// The four classic operators; the anomaly-band ones are rejected by validation.
enum class ComparisonOperator {
  GreaterThanOrEqualToThreshold,
  GreaterThanThreshold,
  LessThanThreshold,
  LessThanOrEqualToThreshold,
};
enum class TreatMissingData { Missing, NotBreaching, Breaching, Ignore };

std::string_view operator_name(ComparisonOperator op);
std::optional<ComparisonOperator> parse_operator(std::string_view name);
// "greater than or equal to", as the StateReason texts spell it.
std::string_view operator_phrase(ComparisonOperator op);
bool breaches(ComparisonOperator op, double value, double threshold);

std::string_view treat_missing_name(TreatMissingData t);  // "notBreaching", ...
std::optional<TreatMissingData> parse_treat_missing(std::string_view name);

struct AlarmSpec {
  std::string alarm_name;
  std::string alarm_description;
  std::string metric_namespace;
  std::string metric_name;
  std::vector<Dimension> dimensions;  // sorted by name
  Statistic statistic = Statistic::Average;
  std::chrono::seconds period{60};
  int evaluation_periods = 1;
  int datapoints_to_alarm = 1;  // readers default it to evaluation_periods
  double threshold = 0;
  ComparisonOperator comparison = ComparisonOperator::GreaterThanOrEqualToThreshold;
  TreatMissingData treat_missing = TreatMissingData::Missing;
  bool actions_enabled = true;
  std::string unit;  // accepted and ignored, as the lab's metrics carry no units

  MetricKey metric_key() const;
  // Period 10, 30 or a multiple of 60; 1 <= DatapointsToAlarm <= EvaluationPeriods;
  // Period * EvaluationPeriods at most one day; names 1-255 characters; at most 30 dimensions.
  // ValidationError naming each offending value.
  Result<void> validate() const;

  // PutMetricAlarm's field names (AlarmName, Namespace, Dimensions [{Name, Value}], ...).
  // Numbers may arrive as JSON numbers or as strings (the query protocol sends strings).
  static Result<AlarmSpec> from_api_json(const nlohmann::json& j);
  // aws_cloudwatch_metric_alarm's attribute names (alarm_name, namespace, dimensions {...}, ...).
  static Result<AlarmSpec> from_terraform_json(const nlohmann::json& j);

  // DescribeAlarms' MetricAlarm configuration fields (without state).
  nlohmann::json to_api_json() const;

  bool operator==(const AlarmSpec&) const = default;
};

}  // namespace faultbox::monitoring
