// Load balancers' life: an address of their own, a proxy per listener, reconfiguration in place
// when only the checks change, and the lab tick that runs their health checks.
#include "cloud/balancers/balancers.h"

#include <fmt/format.h>

#include <algorithm>
#include <thread>

#include "cloud/cloud.h"
#include "elb/health_target.h"

namespace faultbox::cloud {

namespace {
bool same_listeners(const std::vector<elb::Listener>& a, const std::vector<elb::Listener>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const elb::Listener& x, const elb::Listener& y) {
                      return x.lb_port == y.lb_port && x.instance_port == y.instance_port;
                    });
}
}  // namespace

Balancers::Balancers(Cloud& cloud)
    : cloud_(cloud), prober_(cloud.data_plane(), cloud.control(), cloud.clock()) {}

Balancers::~Balancers() {
  for (auto& [name, b] : balancers_) {
    for (auto& proxy : b.proxies) {
      proxy->stop();
    }
  }
}

void Balancers::tick(TimePoint now) {
  for (auto& [name, balancer] : balancers_) {
    balancer.lb->tick(now, prober_);
  }
}

void Balancers::follow_moved_port(elb::HealthCheckConfig& health_check) const {
  if (cloud_.options().unprivileged_port_offset == 0) {
    return;
  }
  if (auto target = elb::parse_health_target(health_check.target)) {
    target->port = static_cast<uint16_t>(cloud_.effective_port(target->port));
    health_check.target = target->to_string();
  }
}

std::string Balancers::next_address() {
  // 127.20.<hi>.<lo>: a /16 of loopback addresses for load balancers; skip restored ones.
  for (;;) {
    int n = next_host_++;
    auto address = fmt::format("127.20.{}.{}", n / 240, 10 + n % 240);
    bool taken = false;
    for (const auto& [name, b] : balancers_) {
      taken = taken || b.address == address;
    }
    if (!taken) {
      return address;
    }
  }
}

Result<std::vector<std::unique_ptr<elb::Proxy>>> Balancers::start_proxies(
    const elb::LoadBalancerConfig& config, std::string& address, bool fresh_address) {
  // Another lab on this machine may hold an address: a fresh balancer moves on to the next one.
  constexpr int kAttempts = 64;
  for (int attempt = 0;; ++attempt) {
    if (fresh_address) {
      address = next_address();
    }
    if (cloud_.leases() && !cloud_.leases()->claim(address)) {
      if (fresh_address && attempt + 1 < kAttempts) {
        continue;  // another lab's balancer: this one moves on
      }
      return errors::conflict("the address " + address + " of load balancer " + config.name +
                              " is held by another lab on this machine");
    }
    std::vector<std::unique_ptr<elb::Proxy>> proxies;
    Result<void> started;
    for (const auto& listener : config.listeners) {
      elb::ProxyOptions options;
      options.name = config.name;
      options.address = address;
      options.port = static_cast<uint16_t>(cloud_.effective_port(listener.lb_port));
      options.instance_port = static_cast<uint16_t>(cloud_.effective_port(listener.instance_port));
      options.backend_timeout = cloud_.clock().to_real(std::chrono::seconds(60));
      options.client_idle_timeout = cloud_.clock().to_real(std::chrono::seconds(60));
      // Event loops of the proxy's own (see ProxyOptions::threads and bench/RESULTS.md).
      options.threads = std::clamp(std::thread::hardware_concurrency(), 1u, 2u);
      proxies.push_back(std::make_unique<elb::Proxy>(cloud_.data_plane(), options));
      started = proxies.back()->start();
      if (!started) {
        break;
      }
    }
    if (started) {
      return proxies;
    }
    for (auto& p : proxies) {
      p->stop();
    }
    if (cloud_.leases() && fresh_address) {
      cloud_.leases()->release(address);
    }
    bool in_use = started.error().message.find("in use") != std::string::npos;
    if (!fresh_address || !in_use || attempt + 1 >= kAttempts) {
      return started.error();
    }
  }
}

Result<const Balancer*> Balancers::put(elb::LoadBalancerConfig config, const std::string& region,
                                       std::vector<std::string> azs, std::string address) {
  FAULTBOX_TRY_VOID(elb::validate(config));
  std::vector<elb::RegisteredInstance> keep;
  follow_moved_port(config.health_check);
  if (auto it = balancers_.find(config.name); it != balancers_.end()) {
    auto& b = it->second;
    if (same_listeners(b.lb->config().listeners, config.listeners)) {
      // Only checks or attributes changed: the listeners stay up, the state machine is new.
      b.region = region;
      b.availability_zones = std::move(azs);
      FAULTBOX_TRY_VOID(replace_load_balancer(b, std::move(config)));
      return &b;
    }
    // Other listeners: start over on the same address with the same registrations.
    address = it->second.address;
    for (const auto& h : it->second.lb->describe_instance_health()) {
      if (const auto* i = cloud_.instances().find(h.instance_id)) {
        keep.push_back({i->id, i->private_ip, i->availability_zone});
      }
    }
    for (auto& proxy : it->second.proxies) {
      proxy->stop();
    }
    balancers_.erase(it);
  }
  bool fresh_address = address.empty();
  FAULTBOX_TRY(lb, create_load_balancer(config));
  Balancer b;
  b.name = config.name;
  b.region = region;
  b.availability_zones = std::move(azs);
  b.lb = std::move(lb);
  FAULTBOX_TRY(proxies, start_proxies(config, address, fresh_address));
  b.address = address;
  for (auto& proxy : proxies) {
    b.lb->add_sink(*proxy);
    b.proxies.push_back(std::move(proxy));
  }
  int port = config.listeners.empty() ? 80 : cloud_.effective_port(config.listeners[0].lb_port);
  b.dns_name = port == 80 ? address : fmt::format("{}:{}", address, port);
  for (auto& r : keep) {
    (void)b.lb->register_instance(std::move(r));
  }
  auto& stored = balancers_[config.name];
  stored = std::move(b);
  return &stored;
}

Result<void> Balancers::remove(const std::string& name) {
  auto it = balancers_.find(name);
  if (it == balancers_.end()) {
    return errors::not_found("load balancer " + name + " does not exist");
  }
  for (auto& proxy : it->second.proxies) {
    it->second.lb->remove_sink(*proxy);
    proxy->stop();
  }
  if (cloud_.leases()) {
    cloud_.leases()->release(it->second.address);
  }
  balancers_.erase(it);
  return {};
}

const Balancer* Balancers::find(const std::string& name) const {
  auto it = balancers_.find(name);
  return it == balancers_.end() ? nullptr : &it->second;
}

Result<void> Balancers::register_instance(const std::string& balancer,
                                          const std::string& instance) {
  auto b = balancers_.find(balancer);
  if (b == balancers_.end()) {
    return errors::not_found("load balancer " + balancer + " does not exist");
  }
  const auto* i = cloud_.instances().find(instance);
  if (!i) {
    return errors::not_found("instance " + instance + " does not exist");
  }
  return b->second.lb->register_instance({i->id, i->private_ip, i->availability_zone});
}

Result<void> Balancers::deregister_instance(const std::string& balancer,
                                            const std::string& instance) {
  auto b = balancers_.find(balancer);
  if (b == balancers_.end()) {
    return errors::not_found("load balancer " + balancer + " does not exist");
  }
  return b->second.lb->deregister_instance(instance);
}

Result<const Balancer*> Balancers::configure_health_check(const std::string& balancer,
                                                          elb::HealthCheckConfig health_check) {
  auto it = balancers_.find(balancer);
  if (it == balancers_.end()) {
    return errors::not_found("load balancer " + balancer + " does not exist");
  }
  auto& b = it->second;
  auto config = b.lb->config();
  follow_moved_port(health_check);
  config.health_check = std::move(health_check);
  FAULTBOX_TRY_VOID(replace_load_balancer(b, std::move(config)));
  return &b;
}

Result<std::unique_ptr<elb::LoadBalancer>> Balancers::create_load_balancer(
    const elb::LoadBalancerConfig& config) const {
  FAULTBOX_TRY(lb, elb::LoadBalancer::create(config, cloud_.clock()));
  if (cloud_.options().lab_paths) {
    lb->use_lab_paths(cloud_.options().lab_paths,
                      static_cast<std::uint16_t>(cloud_.options().unprivileged_port_offset));
  }
  return lb;
}

Result<void> Balancers::replace_load_balancer(Balancer& b, elb::LoadBalancerConfig config) {
  FAULTBOX_TRY(lb, create_load_balancer(config));
  for (const auto& h : b.lb->describe_instance_health()) {
    if (const auto* i = cloud_.instances().find(h.instance_id)) {
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

std::unique_ptr<Kind> make_balancers(Cloud& cloud) { return std::make_unique<Balancers>(cloud); }

}  // namespace faultbox::cloud
