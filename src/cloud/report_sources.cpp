// Reading the metric store, the groups and the instance state history for a report.
#include "cloud/report_sources.h"

#include <algorithm>
#include <set>

#include "cloud/balancers/balancers.h"
#include "cloud/groups/groups.h"
#include "cloud/region_services.h"

namespace faultbox::cloud {

namespace {

report::SecondValues per_second(const monitoring::MetricStore& store, const std::string& lb,
                                elb::Metric metric, monitoring::Statistic stat, TimePoint from,
                                TimePoint to) {
  auto key = monitoring::MetricKey::make(std::string(elb::kMetricNamespace),
                                         std::string(elb::metric_name(metric)),
                                         {{std::string(elb::kLoadBalancerDimension), lb}});
  report::SecondValues out;
  for (const auto& p : store.periods(key, from, to, std::chrono::seconds(1))) {
    out.emplace_back(p.timestamp, p.value(stat));
  }
  return out;
}

std::optional<double> desired_capacity(const Cloud& cloud, const std::string& lb) {
  std::optional<double> total;
  for (const auto& [name, g] : cloud.kind<Groups>().all()) {
    const auto& lbs = g.spec.load_balancers;
    if (std::find(lbs.begin(), lbs.end(), lb) != lbs.end()) {
      total = total.value_or(0) + g.spec.desired_capacity;
    }
  }
  return total;
}

bool in_region(const std::string& az, const std::string& region) {
  return az.size() == region.size() + 1 && az.compare(0, region.size(), region) == 0;
}

}  // namespace

std::vector<report::BalancerTraffic> balancer_traffic(Cloud& cloud, const std::string& region,
                                                      TimePoint from, TimePoint to) {
  using monitoring::Statistic;
  std::vector<report::BalancerTraffic> out;
  if (to <= from) {
    return out;
  }
  const auto& store = cloud.region(region).metrics;
  for (const auto& [name, b] : cloud.kind<Balancers>().all()) {
    if (b.region != region) {
      continue;
    }
    report::BalancerTraffic t;
    t.name = name;
    t.requests = per_second(store, name, elb::Metric::Requests, Statistic::Sum, from, to);
    t.elb_5xx = per_second(store, name, elb::Metric::Elb5xx, Statistic::Sum, from, to);
    t.backend_5xx = per_second(store, name, elb::Metric::Backend5xx, Statistic::Sum, from, to);
    t.healthy_hosts =
        per_second(store, name, elb::Metric::HealthyHosts, Statistic::Minimum, from, to);
    t.desired_capacity = desired_capacity(cloud, name);
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<report::InstanceStateChange> instance_states(const Cloud& cloud,
                                                         const std::string& region, TimePoint from,
                                                         TimePoint to) {
  const auto& manager = cloud.instances();
  auto window = manager.state_history().window(from, to);
  std::vector<report::InstanceStateChange> out;
  std::set<std::string> seen;
  auto add = [&](const compute::StateTransition& t, bool at_start) {
    if (in_region(t.availability_zone, region)) {
      out.push_back({t.at, t.instance_id, t.availability_zone,
                     std::string(compute::state_name(t.state)), at_start});
      seen.insert(t.instance_id);
    }
  };
  for (const auto& t : window.initial) {
    add(t, true);
  }
  for (const auto* i : manager.list()) {
    bool unchanged_since_before = i->state_changed_at < from;
    if (seen.count(i->id) == 0 && unchanged_since_before &&
        i->state != compute::InstanceState::Terminated) {
      add({from, i->id, i->availability_zone, i->state}, true);
    }
  }
  for (const auto& t : window.changes) {
    add(t, false);
  }
  return out;
}

std::vector<report::ScalingEvent> scaling_events(const Cloud& cloud, const std::string& region,
                                                 TimePoint from, TimePoint to) {
  std::vector<report::ScalingEvent> out;
  for (const auto& [name, g] : cloud.kind<Groups>().all()) {
    if (g.region != region) {
      continue;
    }
    for (const auto& a : g.activities) {
      if (a.start_time >= from && a.start_time < to) {
        out.push_back({a.start_time, name, a.availability_zone, a.description, a.failed});
      }
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.at < b.at; });
  return out;
}

}  // namespace faultbox::cloud
