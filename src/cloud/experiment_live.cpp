#include "cloud/experiment_live.h"

#include "cloud/balancers/balancers.h"
#include "cloud/groups/groups.h"
#include "cloud/region_services.h"
#include "fis/experiment.h"

namespace faultbox::cloud {

using nlohmann::json;

namespace {
constexpr auto kLeadIn = std::chrono::seconds(10);

json alarms_of(RegionServices& r, const fis::Experiment& e) {
  json out = json::array();
  for (const auto& condition : e.definition.stop_conditions) {
    if (!condition.value) {
      continue;
    }
    for (const auto* alarm : r.alarms.describe()) {
      if (alarm->arn() == *condition.value) {
        out.push_back({{"name", alarm->spec().alarm_name},
                       {"arn", alarm->arn()},
                       {"state", monitoring::state_name(alarm->state())}});
      }
    }
  }
  return out;
}

json desired_of(const Cloud& cloud, const std::string& balancer) {
  for (const auto& [name, g] : cloud.kind<Groups>().all()) {
    for (const auto& lb : g.spec.load_balancers) {
      if (lb == balancer) {
        return g.spec.desired_capacity;
      }
    }
  }
  return nullptr;
}

json seconds_of(const Balancer& b, TimePoint from, std::size_t max_seconds) {
  json out = json::array();
  for (const auto& s : b.metrics) {
    auto start = s.at - std::chrono::seconds(1);  // counts are of the second ending at `at`
    if (start < from) {
      continue;
    }
    auto failed = s.counts.count(elb::Metric::Elb5xx) + s.counts.count(elb::Metric::Backend5xx);
    out.push_back({{"t", fis::epoch_seconds(start)},
                   {"requests", s.counts.count(elb::Metric::Requests)},
                   {"failed", failed}});
  }
  if (out.size() > max_seconds) {
    out.erase(out.begin(), out.end() - static_cast<std::ptrdiff_t>(max_seconds));
  }
  return out;
}
}  // namespace

Result<json> experiment_live(Cloud& cloud, const std::string& region,
                             const std::string& experiment_id, std::size_t max_seconds) {
  auto& r = cloud.region(region);
  const auto* e = r.runner.find(experiment_id);
  if (!e) {
    return errors::not_found("Experiment " + experiment_id + " not found.");
  }
  auto from = (e->start_time ? *e->start_time : e->creation_time) - kLeadIn;
  json balancers = json::array();
  for (const auto& [name, b] : cloud.kind<Balancers>().all()) {
    if (b.region != region) {
      continue;
    }
    auto hosts = b.lb->host_counts();
    balancers.push_back({{"name", name},
                         {"healthy", hosts.healthy},
                         {"unhealthy", hosts.unhealthy},
                         {"desired", desired_of(cloud, name)},
                         {"seconds", seconds_of(b, from, max_seconds)}});
  }
  return json{{"experiment", fis::to_json(*e)},
              {"labTime", fis::epoch_seconds(cloud.clock().now())},
              {"alarms", alarms_of(r, *e)},
              {"balancers", balancers}};
}

}  // namespace faultbox::cloud
