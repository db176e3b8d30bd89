// Load balancers as "load_balancer" records: a restored balancer keeps its address, listeners,
// health check and registrations. An instance that was InService stays so when its process
// served on through the restart (adopted after a kill -9); the others start OutOfService, as
// after any new registration.
#include <algorithm>

#include "cloud/balancers/balancers.h"
#include "cloud/cloud.h"

namespace faultbox::cloud {

using nlohmann::json;

namespace {
json health_check_json(const elb::HealthCheckConfig& hc) {
  return {{"target", hc.target},
          {"interval_ms", hc.interval.count()},
          {"timeout_ms", hc.timeout.count()},
          {"healthy_threshold", hc.healthy_threshold},
          {"unhealthy_threshold", hc.unhealthy_threshold}};
}

elb::HealthCheckConfig health_check_from(const json& j) {
  return {j.at("target"), Duration(j.at("interval_ms").get<long>()),
          Duration(j.at("timeout_ms").get<long>()), j.at("healthy_threshold"),
          j.at("unhealthy_threshold")};
}
}  // namespace

void Balancers::save(Records& out) const {
  auto& records = out["load_balancer"];
  for (const auto& [name, b] : balancers_) {
    json listeners = json::array();
    for (const auto& l : b.lb->config().listeners) {
      listeners.push_back({{"lb_port", l.lb_port}, {"instance_port", l.instance_port}});
    }
    json registered = json::array();
    json in_service = json::array();
    for (const auto& h : b.lb->describe_instance_health()) {
      registered.push_back(h.instance_id);
      if (h.state == "InService") {
        in_service.push_back(h.instance_id);
      }
    }
    records.emplace_back(name,
                         json{{"name", name},
                              {"region", b.region},
                              {"azs", b.availability_zones},
                              {"address", b.address},
                              {"listeners", listeners},
                              {"health_check", health_check_json(b.lb->config().health_check)},
                              {"registered", registered},
                              {"in_service", in_service}});
  }
}

Result<void> Balancers::restore(const Records& saved) {
  for (const auto& [name, j] : records_of(saved, "load_balancer")) {
    elb::LoadBalancerConfig config{name, {}, health_check_from(j.at("health_check"))};
    for (const auto& l : j.at("listeners")) {
      config.listeners.push_back({l.at("lb_port"), l.at("instance_port")});
    }
    FAULTBOX_TRY(b, put(config, j.at("region"), j.at("azs"), j.at("address")));
    const auto in_service = j.value("in_service", json::array());
    for (const auto& id : j.at("registered")) {
      if (const auto* i = cloud_.instances().find(id)) {
        const bool served_on =
            i->pid != 0 && std::find(in_service.begin(), in_service.end(), id) != in_service.end();
        (void)b->lb->restore_instance({i->id, i->private_ip, i->availability_zone}, served_on);
      }
    }
  }
  return {};
}

}  // namespace faultbox::cloud
