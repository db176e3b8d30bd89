// What the lab runs per AWS region: CloudWatch metrics, alarms and logs, FIS templates and
// experiments.
#pragma once

#include <map>
#include <random>
#include <set>
#include <string>

#include "cloud/fis_environment.h"
#include "fis/action_registry.h"
#include "fis/experiment_template.h"
#include "fis/runner.h"
#include "logs/log_store.h"
#include "monitoring/alarm_evaluator.h"
#include "monitoring/metric_store.h"

namespace faultbox::cloud {

struct RegionServices {
  RegionServices(Cloud& cloud, const Clock& clock, const std::string& name,
                 const std::string& account)
      : region(name),
        metrics(clock),
        logs(clock, name, account),
        alarms(metrics, name, account),
        fis_env(cloud, name, alarms),
        runner({fis::builtin_actions(), fis_env, fis_env, fis_env, fis_env, fis_env, fis_env,
                fis_env, fis_env, fis_env},
               name, account),
        template_ids(std::random_device{}()) {}

  std::string region;
  monitoring::MetricStore metrics;
  // Metrics that PutMetricData added to since the last save: saved before the call's answer
  // leaves (the rest of the metrics are saved once a minute).
  std::set<monitoring::MetricKey> metrics_put_by_calls;
  logs::LogStore logs;
  monitoring::AlarmEvaluator alarms;
  FisEnvironment fis_env;
  fis::Runner runner;
  std::map<std::string, fis::ExperimentTemplate> templates;
  std::mt19937_64 template_ids;
  // How many of each experiment's log records went to its CloudWatch Logs group already.
  std::map<std::string, std::size_t> shipped_log_records;
};

}  // namespace faultbox::cloud
