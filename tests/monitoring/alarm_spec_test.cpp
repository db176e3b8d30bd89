// AlarmSpec: Terraform and API readers, defaults, and CloudWatch's ValidationError texts.
#include "monitoring/alarm_spec.h"

#include <gtest/gtest.h>

namespace faultbox::monitoring {
namespace {

using nlohmann::json;

json workshop_terraform() {
  return {{"alarm_name", "panda-elb-alarm"},
          {"alarm_description", "The load balancer answers with errors"},
          {"namespace", "AWS/ELB"},
          {"metric_name", "HTTPCode_ELB_5XX"},
          {"statistic", "Sum"},
          {"period", 10},
          {"evaluation_periods", 4},
          {"datapoints_to_alarm", 2},
          {"threshold", 10},
          {"comparison_operator", "GreaterThanOrEqualToThreshold"},
          {"treat_missing_data", "notBreaching"},
          {"dimensions", {{"LoadBalancerName", "panda-elb"}}},
          {"tags", nullptr},
          {"unit", nullptr}};
}

json workshop_api() {
  return {{"AlarmName", "panda-elb-alarm"},
          {"Namespace", "AWS/ELB"},
          {"MetricName", "HTTPCode_ELB_5XX"},
          {"Dimensions", {{{"Name", "LoadBalancerName"}, {"Value", "panda-elb"}}}},
          {"Statistic", "Sum"},
          {"Period", "10"},  // the query protocol sends every number as a string
          {"EvaluationPeriods", "4"},
          {"DatapointsToAlarm", "2"},
          {"Threshold", "10.0"},
          {"ComparisonOperator", "GreaterThanOrEqualToThreshold"},
          {"TreatMissingData", "notBreaching"},
          {"ActionsEnabled", "false"},
          {"Unit", "Count"}};
}

TEST(AlarmSpecTest, ReadsTheWorkshopAlarmFromTerraformAttributes) {
  auto spec = AlarmSpec::from_terraform_json(workshop_terraform());
  ASSERT_TRUE(spec) << spec.error().message;
  EXPECT_EQ(spec->alarm_name, "panda-elb-alarm");
  EXPECT_EQ(spec->alarm_description, "The load balancer answers with errors");
  EXPECT_EQ(spec->metric_key(),
            MetricKey::make("AWS/ELB", "HTTPCode_ELB_5XX", {{"LoadBalancerName", "panda-elb"}}));
  EXPECT_EQ(spec->statistic, Statistic::Sum);
  EXPECT_EQ(spec->period, std::chrono::seconds(10));
  EXPECT_EQ(spec->evaluation_periods, 4);
  EXPECT_EQ(spec->datapoints_to_alarm, 2);
  EXPECT_DOUBLE_EQ(spec->threshold, 10);
  EXPECT_EQ(spec->comparison, ComparisonOperator::GreaterThanOrEqualToThreshold);
  EXPECT_EQ(spec->treat_missing, TreatMissingData::NotBreaching);
  EXPECT_TRUE(spec->actions_enabled);
}

TEST(AlarmSpecTest, ApiAndTerraformReadersAgree) {
  auto api = AlarmSpec::from_api_json(workshop_api());
  ASSERT_TRUE(api) << api.error().message;
  auto tf = AlarmSpec::from_terraform_json(workshop_terraform());
  ASSERT_TRUE(tf);
  EXPECT_FALSE(api->actions_enabled);
  EXPECT_EQ(api->unit, "Count");
  api->actions_enabled = true;
  api->unit.clear();
  api->alarm_description = tf->alarm_description;
  EXPECT_EQ(*api, *tf);
}

TEST(AlarmSpecTest, DefaultsFollowCloudWatch) {
  auto j = workshop_terraform();
  j.erase("datapoints_to_alarm");
  j.erase("treat_missing_data");
  j["evaluation_periods"] = "3";  // an interpolated number arrives as a string
  auto spec = AlarmSpec::from_terraform_json(j);
  ASSERT_TRUE(spec) << spec.error().message;
  EXPECT_EQ(spec->datapoints_to_alarm, 3);
  EXPECT_EQ(spec->treat_missing, TreatMissingData::Missing);
}

TEST(AlarmSpecTest, ApiJsonRoundTrips) {
  auto spec = AlarmSpec::from_terraform_json(workshop_terraform());
  ASSERT_TRUE(spec);
  auto again = AlarmSpec::from_api_json(spec->to_api_json());
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(*again, *spec);
}

TEST(AlarmSpecTest, ListsEveryConstraintProblemAtOnce) {
  auto j = workshop_terraform();
  j["metric_name"] = "";
  j["period"] = 0;
  auto spec = AlarmSpec::from_terraform_json(j);
  ASSERT_FALSE(spec);
  EXPECT_EQ(spec.error().message,
            "2 validation errors detected: Value '' at 'metricName' failed to satisfy "
            "constraint: Member must have length greater than or equal to 1; Value '0' at "
            "'period' failed to satisfy constraint: Member must have value greater than or "
            "equal to 1");
}

struct InvalidCase {
  const char* name;
  const char* field;  // Terraform attribute to change (erased when value is null)
  json value;
  const char* message;  // expected exact message, or a prefix when it ends with "..."
};

class AlarmSpecInvalidTest : public ::testing::TestWithParam<InvalidCase> {};

TEST_P(AlarmSpecInvalidTest, IsAValidationError) {
  const auto& c = GetParam();
  auto j = workshop_terraform();
  if (c.value.is_null()) {
    j.erase(c.field);
  } else {
    j[c.field] = c.value;
  }
  auto spec = AlarmSpec::from_terraform_json(j);
  ASSERT_FALSE(spec);
  EXPECT_EQ(spec.error().code, "ValidationError");
  std::string expected = c.message;
  if (expected.ends_with("...")) {
    expected.resize(expected.size() - 3);
    EXPECT_EQ(spec.error().message.substr(0, expected.size()), expected);
  } else {
    EXPECT_EQ(spec.error().message, expected);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, AlarmSpecInvalidTest,
    ::testing::Values(
        InvalidCase{"NoName", "alarm_name", nullptr,
                    "1 validation error detected: Value null at 'alarm_name' failed to satisfy "
                    "constraint: Member must not be null"},
        InvalidCase{"EmptyName", "alarm_name", "",
                    "1 validation error detected: Value '' at 'alarmName' failed to satisfy "
                    "constraint: Member must have length greater than or equal to 1"},
        InvalidCase{"ZeroEvaluationPeriods", "evaluation_periods", 0,
                    "1 validation error detected: Value '0' at 'evaluationPeriods' failed to "
                    "satisfy constraint: Member must have value greater than or equal to 1"},
        InvalidCase{"BadPeriod", "period", 15,
                    "Period must be 10, 30 or a multiple of 60 seconds (got 15)."},
        InvalidCase{"TooManyDatapoints", "datapoints_to_alarm", 5,
                    "DatapointsToAlarm (5) must be less than or equal to EvaluationPeriods (4)."},
        InvalidCase{"LongerThanADay", "period", 86400,
                    "The evaluation period of the alarm (Period 86400 * EvaluationPeriods 4) "
                    "must not exceed 1 day (86400 seconds)."},
        InvalidCase{"UnknownStatistic", "statistic", "Total",
                    "1 validation error detected: Value 'Total' at 'statistic' failed to satisfy "
                    "constraint: Member must satisfy enum value set: [Maximum, SampleCount, Sum, "
                    "Minimum, Average]"},
        InvalidCase{"UnknownOperator", "comparison_operator", "Above",
                    "1 validation error detected: Value 'Above' at 'comparison_operator' failed "
                    "to satisfy constraint: Member must satisfy enum value set: ..."},
        InvalidCase{"AnomalyOperator", "comparison_operator", "LessThanLowerThreshold",
                    "Comparison operator LessThanLowerThreshold compares against an anomaly "
                    "detection band (ThresholdMetricId), which the lab does not support; ..."},
        InvalidCase{"BadTreatMissing", "treat_missing_data", "zero",
                    "Value 'zero' at 'treat_missing_data' is not valid; use one of breaching, "
                    "notBreaching, ignore, missing."},
        InvalidCase{"ThresholdNotANumber", "threshold", "ten",
                    "Value \"ten\" at 'threshold' must be a number"},
        InvalidCase{"FractionalPeriods", "evaluation_periods", 2.5,
                    "Value 2.5 at 'evaluation_periods' must be a whole number"},
        InvalidCase{"Percentile", "extended_statistic", "p99",
                    "'extended_statistic' is not supported by the lab; ..."},
        InvalidCase{"DimensionsNotAMap", "dimensions", "web",
                    "Value \"web\" at 'dimensions' must be a map of name to value or a list of "
                    "{Name, Value}"}),
    [](const ::testing::TestParamInfo<InvalidCase>& p) { return std::string(p.param.name); });

}  // namespace
}  // namespace faultbox::monitoring
