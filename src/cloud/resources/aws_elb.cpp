// aws_elb: a classic load balancer on its own loopback IP, health checks as configured.
#include <fmt/format.h>

#include "cloud/balancers/balancers.h"
#include "cloud/resource_handler.h"
#include "core/arn.h"

namespace faultbox::cloud::resources {

namespace {
Result<elb::LoadBalancerConfig> read(const ValueReader& r, const std::string& fallback_name) {
  elb::LoadBalancerConfig config;
  FAULTBOX_TRY(name, r.string("name", fallback_name));
  config.name = name;
  for (const auto& l : r.blocks("listener")) {
    FAULTBOX_TRY(lb_port, l.integer("lb_port", 80));
    FAULTBOX_TRY(instance_port, l.integer("instance_port", 80));
    FAULTBOX_TRY(protocol, l.string("lb_protocol", "http"));
    if (protocol != "http" && protocol != "HTTP") {
      return errors::validation(fmt::format(
          "{}: lb_protocol \"{}\" is not supported by the lab (only http)", l.where(), protocol));
    }
    config.listeners.push_back(
        {static_cast<uint16_t>(lb_port), static_cast<uint16_t>(instance_port)});
  }
  if (config.listeners.empty()) {
    return errors::validation(r.where() + ": at least one listener block is required");
  }
  auto checks = r.blocks("health_check");
  if (!checks.empty()) {
    auto& hc = config.health_check;
    const auto& c = checks[0];
    FAULTBOX_TRY(target, c.string("target", hc.target));
    FAULTBOX_TRY(interval, c.integer("interval", hc.interval.count() / 1000));
    FAULTBOX_TRY(timeout, c.integer("timeout", hc.timeout.count() / 1000));
    FAULTBOX_TRY(healthy, c.integer("healthy_threshold", hc.healthy_threshold));
    FAULTBOX_TRY(unhealthy, c.integer("unhealthy_threshold", hc.unhealthy_threshold));
    hc = {target, std::chrono::seconds(interval), std::chrono::seconds(timeout),
          static_cast<int>(healthy), static_cast<int>(unhealthy)};
  }
  return config;
}

Result<expr::Value> put(Cloud& cloud, const stack::ResourceChange& c) {
  ValueReader r(c.config, c.address);
  FAULTBOX_TRY(config, read(r, c.name));
  FAULTBOX_TRY(azs, r.strings("availability_zones"));
  FAULTBOX_TRY(b, cloud.kind<Balancers>().put(std::move(config), c.region, azs));
  auto arn = arn::classic_load_balancer(c.region, cloud.options().account_id, b->name);
  return with_computed(c.config, {{"id", expr::Value::string(b->name)},
                                  {"name", expr::Value::string(b->name)},
                                  {"arn", expr::Value::string(arn)},
                                  {"dns_name", expr::Value::string(b->dns_name)},
                                  {"zone_id", expr::Value::string("ZFAULTBOXLAB")}});
}
}  // namespace

ResourceHandler aws_elb() {
  return {
      .type = "aws_elb",
      .modelled = {"name", "listener", "health_check", "availability_zones", "tags"},
      .computed = {"id", "arn", "dns_name", "zone_id"},
      .schema = {{"availability_zones", "set(string)"},
                 {"subnets", "set(string)"},
                 {"security_groups", "set(string)"},
                 {"instances", "set(string)"},
                 {"cross_zone_load_balancing", "bool"},
                 {"idle_timeout", "number"},
                 {"connection_draining", "bool"},
                 {"connection_draining_timeout", "number"}},
      .validate = [](const Cloud&, const ValueReader& r) -> Result<void> {
        FAULTBOX_TRY(config, read(r, "x"));
        if (config.name.empty()) {
          config.name = "x";
        }
        return elb::validate(config);
      },
      .create = put,
      .update = put,
      .destroy = [](Cloud& cloud, const stack::ResourceChange& c) -> Result<void> {
        return cloud.kind<Balancers>().remove(state_string(c.state, "name"));
      },
      .unique_name =
          UniqueName{
              .attribute = "name",
              .held = [](Cloud& cloud, const std::string&,
                         const std::string& name) { return cloud.kind<Balancers>().find(name); },
              .already_exists =
                  [](const std::string& name) {
                    return Error("DuplicateLoadBalancerName",
                                 "Load Balancer named " + name + " already exists.", 400);
                  }},
  };
}

}  // namespace faultbox::cloud::resources
