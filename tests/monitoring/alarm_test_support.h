// Shared pieces of the alarm tests: the workshop's alarm and a store fed period by period.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "monitoring/alarm_evaluator.h"
#include "monitoring/metric_store.h"

namespace faultbox::monitoring::test_support {

// 2023-11-14T22:13:20Z, a multiple of 60 s since the epoch.
inline const TimePoint kT0 = TimePoint(std::chrono::seconds(1'700'000'000));

inline MetricKey elb_5xx() {
  return MetricKey::make("AWS/ELB", "HTTPCode_ELB_5XX", {{"LoadBalancerName", "panda-elb"}});
}

// DESIGN.md §1: Sum over 10 s, 2 of 4 datapoints >= 10, missing data not breaching.
inline AlarmSpec workshop_alarm() {
  AlarmSpec s;
  s.alarm_name = "panda-elb-alarm";
  s.metric_namespace = "AWS/ELB";
  s.metric_name = "HTTPCode_ELB_5XX";
  s.dimensions = {{"LoadBalancerName", "panda-elb"}};
  s.statistic = Statistic::Sum;
  s.period = std::chrono::seconds(10);
  s.evaluation_periods = 4;
  s.datapoints_to_alarm = 2;
  s.threshold = 10;
  s.comparison = ComparisonOperator::GreaterThanOrEqualToThreshold;
  s.treat_missing = TreatMissingData::NotBreaching;
  return s;
}

}  // namespace faultbox::monitoring::test_support
