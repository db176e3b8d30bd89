// Changes the AWS API makes that the stacks do not: registrations by hand, and a member marked
// unhealthy by SetInstanceHealth.
#include <fmt/format.h>

#include "cloud/cloud.h"
#include "elb/health_target.h"

namespace faultbox::cloud {

Result<void> Cloud::register_with_balancer(const std::string& balancer,
                                           const std::string& instance) {
  auto b = balancers_.find(balancer);
  if (b == balancers_.end()) {
    return errors::not_found("load balancer " + balancer + " does not exist");
  }
  const auto* i = instances_.find(instance);
  if (!i) {
    return errors::not_found("instance " + instance + " does not exist");
  }
  return b->second.lb->register_instance({i->id, i->private_ip, i->availability_zone});
}

Result<void> Cloud::deregister_from_balancer(const std::string& balancer,
                                             const std::string& instance) {
  auto b = balancers_.find(balancer);
  if (b == balancers_.end()) {
    return errors::not_found("load balancer " + balancer + " does not exist");
  }
  return b->second.lb->deregister_instance(instance);
}

Result<const Balancer*> Cloud::configure_health_check(const std::string& balancer,
                                                      elb::HealthCheckConfig health_check) {
  auto it = balancers_.find(balancer);
  if (it == balancers_.end()) {
    return errors::not_found("load balancer " + balancer + " does not exist");
  }
  auto& b = it->second;
  auto config = b.lb->config();
  // Without root, instances listen on moved ports: the check follows them (as put_balancer).
  if (options_.unprivileged_port_offset != 0) {
    if (auto target = elb::parse_health_target(health_check.target)) {
      target->port = static_cast<uint16_t>(effective_port(target->port));
      health_check.target = target->to_string();
    }
  }
  config.health_check = std::move(health_check);
  FAULTBOX_TRY_VOID(replace_load_balancer(b, std::move(config)));
  return &b;
}

Result<void> Cloud::replace_load_balancer(Balancer& b, elb::LoadBalancerConfig config) {
  FAULTBOX_TRY(lb, elb::LoadBalancer::create(config, clock_));
  for (const auto& h : b.lb->describe_instance_health()) {
    if (const auto* i = instances_.find(h.instance_id)) {
      (void)lb->register_instance({i->id, i->private_ip, i->availability_zone});
    }
  }
  // The proxies keep listening (restarting them would race their own shutdown for the port).
  for (auto& proxy : b.proxies) {
    b.lb->remove_sink(*proxy);
    lb->add_sink(*proxy);
  }
  b.lb = std::move(lb);
  return {};
}

Result<void> Cloud::set_instance_health(const std::string& instance, bool healthy) {
  for (auto& [name, group] : groups_) {
    if (group.members.count(instance) == 0) {
      continue;
    }
    if (healthy) {
      return {};
    }
    for (const auto& lb : group.spec.load_balancers) {
      if (auto b = balancers_.find(lb); b != balancers_.end()) {
        (void)b->second.lb->deregister_instance(instance);
      }
    }
    (void)instances_.terminate(instance);
    group.members.erase(instance);
    auto now = clock_.now();
    group.activities.push_back(
        {"Terminating EC2 instance: " + instance,
         fmt::format("At {} an instance was taken out of service in response to a user "
                     "health-check.",
                     format_iso8601(now)),
         now});
    return {};
  }
  return errors::not_found("instance " + instance + " is in no auto-scaling group");
}

}  // namespace faultbox::cloud
