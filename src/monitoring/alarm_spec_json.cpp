// AlarmSpec readers: PutMetricAlarm's field names and aws_cloudwatch_metric_alarm's attributes.
// Both share one reader that is told the spelling of each field.
#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>
#include <string_view>

#include "core/aws_errors.h"
#include "core/json_text.h"
#include "monitoring/alarm_spec.h"

namespace faultbox::monitoring {

namespace {
using nlohmann::json;

struct FieldNames {
  const char* alarm_name;
  const char* description;
  const char* metric_namespace;
  const char* metric_name;
  const char* dimensions;
  const char* statistic;
  const char* period;
  const char* evaluation_periods;
  const char* datapoints_to_alarm;
  const char* threshold;
  const char* comparison;
  const char* treat_missing;
  const char* actions_enabled;
  const char* unit;
  std::array<const char*, 3> unsupported;  // metric math, percentiles, anomaly bands
};

constexpr FieldNames kApiNames = {"AlarmName",
                                  "AlarmDescription",
                                  "Namespace",
                                  "MetricName",
                                  "Dimensions",
                                  "Statistic",
                                  "Period",
                                  "EvaluationPeriods",
                                  "DatapointsToAlarm",
                                  "Threshold",
                                  "ComparisonOperator",
                                  "TreatMissingData",
                                  "ActionsEnabled",
                                  "Unit",
                                  {"Metrics", "ExtendedStatistic", "ThresholdMetricId"}};
constexpr FieldNames kTerraformNames = {
    "alarm_name",
    "alarm_description",
    "namespace",
    "metric_name",
    "dimensions",
    "statistic",
    "period",
    "evaluation_periods",
    "datapoints_to_alarm",
    "threshold",
    "comparison_operator",
    "treat_missing_data",
    "actions_enabled",
    "unit",
    {"metric_query", "extended_statistic", "threshold_metric_id"}};

constexpr std::string_view kAnomalyOperators[] = {"LessThanLowerOrGreaterThanUpperThreshold",
                                                  "LessThanLowerThreshold",
                                                  "GreaterThanUpperThreshold"};

// A field that is absent or null (Terraform state writes unset attributes as null).
const json* field(const json& j, const char* name) {
  auto it = j.find(name);
  return it == j.end() || it->is_null() ? nullptr : &*it;
}

Error not_null(const char* name) {
  return query_errors::validation(fmt::format(
      "1 validation error detected: Value null at '{}' failed to satisfy constraint: Member must "
      "not be null",
      name));
}

Result<std::string> read_string(const json& j, const char* name, bool required) {
  const auto* v = field(j, name);
  if (v == nullptr) {
    return required ? Result<std::string>(not_null(name)) : Result<std::string>(std::string());
  }
  if (!v->is_string()) {
    return query_errors::validation(
        fmt::format("Value {} at '{}' must be a string", v->dump(), name));
  }
  return v->get<std::string>();
}

// Numbers arrive as JSON numbers, or as strings from the query protocol and interpolations.
Result<double> read_number(const json& v, const char* name) {
  if (v.is_number()) {
    return v.get<double>();
  }
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    double out = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (ec == std::errc() && end == s.data() + s.size() && std::isfinite(out)) {
      return out;
    }
  }
  return query_errors::validation(
      fmt::format("Value {} at '{}' must be a number", json_text(v), name));
}

Result<int> read_int(const json& v, const char* name) {
  FAULTBOX_TRY(n, read_number(v, name));
  if (n != std::floor(n) || std::fabs(n) > 1e9) {
    return query_errors::validation(
        fmt::format("Value {} at '{}' must be a whole number", json_text(v), name));
  }
  return static_cast<int>(n);
}

Result<bool> read_bool(const json& v, const char* name) {
  if (v.is_boolean()) {
    return v.get<bool>();
  }
  if (v.is_string() && (v == "true" || v == "false")) {
    return v == "true";
  }
  return query_errors::validation(
      fmt::format("Value {} at '{}' must be a boolean", json_text(v), name));
}

Result<std::vector<Dimension>> read_dimensions(const json* v, const char* name) {
  std::vector<Dimension> out;
  if (v == nullptr) {
    return out;
  }
  auto bad = [&] {
    return query_errors::validation(
        fmt::format("Value {} at '{}' must be a map of name to value or a list of {{Name, Value}}",
                    v->dump(), name));
  };
  if (v->is_object()) {  // Terraform: {"LoadBalancerName": "web"}
    for (const auto& [k, value] : v->items()) {
      if (!value.is_string()) {
        return bad();
      }
      out.push_back({k, value.get<std::string>()});
    }
    return out;
  }
  if (!v->is_array()) {
    return bad();
  }
  for (const auto& d : *v) {  // API: [{"Name": ..., "Value": ...}]
    if (!d.is_object() || !d.contains("Name") || !d.contains("Value") || !d["Name"].is_string() ||
        !d["Value"].is_string()) {
      return bad();
    }
    out.push_back({d["Name"].get<std::string>(), d["Value"].get<std::string>()});
  }
  return out;
}
}  // namespace

namespace {
Result<Statistic> read_statistic(const json& j, const char* name) {
  FAULTBOX_TRY(text, read_string(j, name, true));
  auto s = parse_statistic(text);
  if (!s) {
    return query_errors::validation(fmt::format(
        "1 validation error detected: Value '{}' at '{}' failed to satisfy constraint: Member "
        "must satisfy enum value set: {}",
        text, name, kStatisticValueSet));
  }
  return *s;
}

Result<ComparisonOperator> read_operator(const json& j, const char* name) {
  FAULTBOX_TRY(text, read_string(j, name, true));
  if (auto op = parse_operator(text)) {
    return *op;
  }
  for (auto anomaly : kAnomalyOperators) {
    if (text == anomaly) {
      return query_errors::validation(fmt::format(
          "Comparison operator {} compares against an anomaly detection band (ThresholdMetricId), "
          "which the lab does not support; use GreaterThanOrEqualToThreshold, "
          "GreaterThanThreshold, LessThanThreshold or LessThanOrEqualToThreshold.",
          text));
    }
  }
  return query_errors::validation(fmt::format(
      "1 validation error detected: Value '{}' at '{}' failed to satisfy constraint: Member must "
      "satisfy enum value set: [GreaterThanOrEqualToThreshold, GreaterThanThreshold, "
      "LessThanThreshold, LessThanOrEqualToThreshold, LessThanLowerOrGreaterThanUpperThreshold, "
      "LessThanLowerThreshold, GreaterThanUpperThreshold]",
      text, name));
}

Result<TreatMissingData> read_treat_missing(const json& j, const char* name) {
  FAULTBOX_TRY(text, read_string(j, name, false));
  if (text.empty()) {
    return TreatMissingData::Missing;  // CloudWatch's default
  }
  if (auto t = parse_treat_missing(text)) {
    return *t;
  }
  return query_errors::validation(fmt::format(
      "Value '{}' at '{}' is not valid; use one of breaching, notBreaching, ignore, missing.", text,
      name));
}

Result<void> read_metric(AlarmSpec& spec, const json& j, const FieldNames& n) {
  for (const char* unsupported : n.unsupported) {
    if (field(j, unsupported) != nullptr) {
      return query_errors::validation(fmt::format(
          "'{}' is not supported by the lab; alarms watch one metric with a plain Statistic.",
          unsupported));
    }
  }
  FAULTBOX_TRY(ns, read_string(j, n.metric_namespace, true));
  FAULTBOX_TRY(name, read_string(j, n.metric_name, true));
  FAULTBOX_TRY(dims, read_dimensions(field(j, n.dimensions), n.dimensions));
  FAULTBOX_TRY(stat, read_statistic(j, n.statistic));
  FAULTBOX_TRY(unit, read_string(j, n.unit, false));
  auto key = MetricKey::make(std::move(ns), std::move(name), std::move(dims));
  spec.metric_namespace = std::move(key.metric_namespace);
  spec.metric_name = std::move(key.metric_name);
  spec.dimensions = std::move(key.dimensions);
  spec.statistic = stat;
  spec.unit = std::move(unit);
  return {};
}

Result<int> read_required_int(const json& j, const char* name) {
  const auto* v = field(j, name);
  if (v == nullptr) {
    return not_null(name);
  }
  return read_int(*v, name);
}

Result<void> read_evaluation(AlarmSpec& spec, const json& j, const FieldNames& n) {
  FAULTBOX_TRY(period, read_required_int(j, n.period));
  FAULTBOX_TRY(evaluation_periods, read_required_int(j, n.evaluation_periods));
  spec.period = std::chrono::seconds(period);
  spec.evaluation_periods = evaluation_periods;
  spec.datapoints_to_alarm = evaluation_periods;  // CloudWatch's default
  if (const auto* m = field(j, n.datapoints_to_alarm)) {
    FAULTBOX_TRY(datapoints, read_int(*m, n.datapoints_to_alarm));
    spec.datapoints_to_alarm = datapoints;
  }
  const auto* threshold = field(j, n.threshold);
  if (threshold == nullptr) {
    return not_null(n.threshold);
  }
  FAULTBOX_TRY(value, read_number(*threshold, n.threshold));
  spec.threshold = value;
  FAULTBOX_TRY(op, read_operator(j, n.comparison));
  FAULTBOX_TRY(treat, read_treat_missing(j, n.treat_missing));
  spec.comparison = op;
  spec.treat_missing = treat;
  return {};
}

Result<AlarmSpec> read_spec(const json& j, const FieldNames& n) {
  if (!j.is_object()) {
    return query_errors::validation("An alarm definition must be a JSON object.");
  }
  AlarmSpec spec;
  FAULTBOX_TRY(name, read_string(j, n.alarm_name, true));
  FAULTBOX_TRY(description, read_string(j, n.description, false));
  spec.alarm_name = std::move(name);
  spec.alarm_description = std::move(description);
  FAULTBOX_TRY_VOID(read_metric(spec, j, n));
  FAULTBOX_TRY_VOID(read_evaluation(spec, j, n));
  if (const auto* enabled = field(j, n.actions_enabled)) {
    FAULTBOX_TRY(flag, read_bool(*enabled, n.actions_enabled));
    spec.actions_enabled = flag;
  }
  FAULTBOX_TRY_VOID(spec.validate());
  return spec;
}
}  // namespace

Result<AlarmSpec> AlarmSpec::from_api_json(const nlohmann::json& j) {
  return read_spec(j, kApiNames);
}

Result<AlarmSpec> AlarmSpec::from_terraform_json(const nlohmann::json& j) {
  return read_spec(j, kTerraformNames);
}

}  // namespace faultbox::monitoring
