// The lab's families for GET /metrics. Counters count since the lab started (a restart starts
// them again, which Prometheus' rate() and increase() take as a reset); gauges are the state at
// the scrape. Every state of an enumeration is written, zeros included, so that a dashboard's
// line drops to 0 instead of vanishing.
#include "lab/lab_metrics.h"

#include <fmt/format.h>

#include <array>
#include <map>
#include <set>

#include "cloud/region_services.h"
#include "monitoring/prometheus_text.h"

namespace faultbox::lab {

using monitoring::Exposition;
using monitoring::Labels;
using monitoring::MetricType;

namespace {
constexpr std::array kAlarmStates = {monitoring::AlarmState::Ok, monitoring::AlarmState::Alarm,
                                     monitoring::AlarmState::InsufficientData};
constexpr std::array kExperimentStates = {
    fis::ExperimentStatus::Pending,  fis::ExperimentStatus::Initiating,
    fis::ExperimentStatus::Running,  fis::ExperimentStatus::Completed,
    fis::ExperimentStatus::Stopping, fis::ExperimentStatus::Stopped,
    fis::ExperimentStatus::Failed,   fis::ExperimentStatus::Cancelled};
constexpr std::array kActionStates = {
    fis::ActionStatus::Pending,   fis::ActionStatus::Initiating, fis::ActionStatus::Running,
    fis::ActionStatus::Completed, fis::ActionStatus::Cancelled,  fis::ActionStatus::Skipped,
    fis::ActionStatus::Stopping,  fis::ActionStatus::Stopped,    fis::ActionStatus::Failed};
constexpr std::array kInstanceStates = {
    compute::InstanceState::Pending,      compute::InstanceState::Running,
    compute::InstanceState::Stopping,     compute::InstanceState::Stopped,
    compute::InstanceState::ShuttingDown, compute::InstanceState::Terminated};

// The load balancer's counters, from RequestCount to BackendConnectionErrors.
void add_balancer_counters(Exposition& out, const Labels& labels, const elb::ProxyMetrics* totals) {
  for (std::size_t m = 0; m < elb::kCounterCount; ++m) {
    auto aws_name = elb::metric_name(static_cast<elb::Metric>(m));
    auto& family = out.family(
        fmt::format("faultbox_elb_{}_total", monitoring::prometheus_name(aws_name)),
        MetricType::Counter,
        fmt::format("{} {}: the load balancer's count since the lab started, added each lab second",
                    elb::kMetricNamespace, aws_name));
    if (totals) {
      family.add(labels, static_cast<double>(totals->counts[m]));
    }
  }
}
}  // namespace

void add_balancer_metrics(Exposition& out, const std::vector<const cloud::Balancer*>& lbs) {
  add_balancer_counters(out, {}, nullptr);
  auto& latency = out.family("faultbox_elb_latency_seconds", MetricType::Summary,
                             "AWS/ELB Latency: seconds from the load balancer to a backend's "
                             "answer, since the lab started");
  auto& healthy = out.family("faultbox_elb_healthy_hosts", MetricType::Gauge,
                             "Registered instances InService (HealthyHostCount), now");
  auto& unhealthy = out.family("faultbox_elb_unhealthy_hosts", MetricType::Gauge,
                               "Registered instances OutOfService (UnHealthyHostCount), now");
  for (const auto* b : lbs) {
    Labels labels{{"aws_region", b->region}, {"load_balancer_name", b->name}};
    add_balancer_counters(out, labels, &b->totals);
    latency.add(labels, b->totals.latency_sum, "_sum");
    latency.add(labels, static_cast<double>(b->totals.latency_count), "_count");
    auto hosts = b->lb->host_counts();
    healthy.add(labels, hosts.healthy);
    unhealthy.add(labels, hosts.unhealthy);
  }
}

void add_alarm_states(Exposition& out, const monitoring::AlarmEvaluator& alarms) {
  auto& family = out.family("faultbox_alarm_state", MetricType::Gauge,
                            "CloudWatch alarms: 1 for the state the alarm is in, 0 for the others");
  for (const auto* alarm : alarms.describe()) {
    for (auto state : kAlarmStates) {
      family.add({{"aws_region", alarms.region()},
                  {"alarm_name", alarm->spec().alarm_name},
                  {"state", std::string(monitoring::state_name(state))}},
                 alarm->state() == state ? 1 : 0);
    }
  }
}

void add_experiment_counts(Exposition& out, const std::string& region,
                           const std::vector<const fis::Experiment*>& experiments) {
  std::map<fis::ExperimentStatus, int> by_state;
  std::map<fis::ActionStatus, int> actions_by_state;
  for (const auto* e : experiments) {
    ++by_state[e->status];
    for (const auto& [name, action] : e->actions) {
      ++actions_by_state[action.status];
    }
  }
  auto& family = out.family("faultbox_experiments", MetricType::Gauge,
                            "FIS experiments the lab holds, by state");
  for (auto state : kExperimentStates) {
    family.add({{"aws_region", region}, {"state", std::string(fis::to_string(state))}},
               by_state[state]);
  }
  auto& actions = out.family("faultbox_experiment_actions", MetricType::Gauge,
                             "Actions of the FIS experiments the lab holds, by state");
  for (auto state : kActionStates) {
    actions.add({{"aws_region", region}, {"state", std::string(fis::to_string(state))}},
                actions_by_state[state]);
  }
}

void add_instance_counts(Exposition& out, const std::vector<const compute::Instance*>& instances) {
  using Zone = std::pair<std::string, std::string>;  // (region, AZ)
  std::map<std::pair<Zone, compute::InstanceState>, int> counts;
  std::set<Zone> zones;
  for (const auto* i : instances) {
    Zone zone{i->region, i->availability_zone};
    zones.insert(zone);
    ++counts[{zone, i->state}];
  }
  auto& family = out.family("faultbox_instances", MetricType::Gauge,
                            "EC2 instances by state and availability zone");
  for (const auto& zone : zones) {
    for (auto state : kInstanceStates) {
      family.add({{"aws_region", zone.first},
                  {"availability_zone", zone.second},
                  {"state", std::string(compute::state_name(state))}},
                 counts[{zone, state}]);
    }
  }
}

void add_request_counts(Exposition& out, const RequestCounts& requests) {
  auto& family = out.family("faultbox_lab_requests_total", MetricType::Counter,
                            "Requests the lab's port answered since it started, by API and HTTP "
                            "status (AWS services by id, imds, lab)");
  for (const auto& [key, n] : requests.all()) {
    family.add({{"api", key.first}, {"code", std::to_string(key.second)}}, static_cast<double>(n));
  }
}

std::string render_lab_metrics(const cloud::Cloud& cloud, const RequestCounts& requests) {
  Exposition out;
  std::vector<const cloud::Balancer*> lbs;
  for (const auto& [name, b] : cloud.kind<cloud::Balancers>().all()) {
    lbs.push_back(&b);
  }
  add_balancer_metrics(out, lbs);
  for (const auto& [region, services] : cloud.regions()) {
    monitoring::add_metric_store(out, services->metrics, region);
    add_alarm_states(out, services->alarms);
    add_experiment_counts(out, region, services->runner.list());
  }
  add_instance_counts(out, cloud.instances().list());
  add_request_counts(out, requests);
  return out.text();
}

}  // namespace faultbox::lab
