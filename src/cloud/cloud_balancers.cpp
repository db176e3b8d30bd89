// Classic load balancers in the Cloud: each on its own loopback IP with one proxy per listener,
// fed InService backends by its health checks; counters collected every lab second.
#include <fmt/format.h>

#include <algorithm>
#include <thread>

#include "cloud/cloud.h"
#include "cloud/region_services.h"
#include "elb/health_target.h"

namespace faultbox::cloud {

namespace {
bool same_listeners(const std::vector<elb::Listener>& a, const std::vector<elb::Listener>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const elb::Listener& x, const elb::Listener& y) {
                      return x.lb_port == y.lb_port && x.instance_port == y.instance_port;
                    });
}

constexpr size_t kMetricSeconds = 3 * 3600;
}  // namespace

std::string Cloud::next_balancer_address() {
  // 127.20.<hi>.<lo>: a /16 of loopback addresses for load balancers; skip restored ones.
  for (;;) {
    int n = next_balancer_host_++;
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

Result<std::vector<std::unique_ptr<elb::Proxy>>> Cloud::start_proxies(
    const elb::LoadBalancerConfig& config, std::string& address, bool fresh_address) {
  // Another lab on this machine may hold an address: a fresh balancer moves on to the next one.
  constexpr int kAttempts = 64;
  for (int attempt = 0;; ++attempt) {
    if (fresh_address) {
      address = next_balancer_address();
    }
    if (leases_ && !leases_->claim(address)) {
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
      options.port = static_cast<uint16_t>(effective_port(listener.lb_port));
      options.instance_port = static_cast<uint16_t>(effective_port(listener.instance_port));
      options.backend_timeout = clock_.to_real(std::chrono::seconds(60));
      options.client_idle_timeout = clock_.to_real(std::chrono::seconds(60));
      // Event loops of the proxy's own (see ProxyOptions::threads and bench/RESULTS.md).
      options.threads = std::clamp(std::thread::hardware_concurrency(), 1u, 2u);
      proxies.push_back(std::make_unique<elb::Proxy>(data_plane_, options));
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
    if (leases_ && fresh_address) {
      leases_->release(address);
    }
    bool in_use = started.error().message.find("in use") != std::string::npos;
    if (!fresh_address || !in_use || attempt + 1 >= kAttempts) {
      return started.error();
    }
  }
}

Result<const Balancer*> Cloud::put_balancer(elb::LoadBalancerConfig config,
                                            const std::string& region,
                                            std::vector<std::string> azs,
                                            std::string address) {
  FAULTBOX_TRY_VOID(elb::validate(config));
  std::vector<elb::RegisteredInstance> keep;
  // Without root, instances listen on moved ports: health checks must follow them.
  if (options_.unprivileged_port_offset != 0) {
    if (auto target = elb::parse_health_target(config.health_check.target)) {
      target->port = static_cast<uint16_t>(effective_port(target->port));
      config.health_check.target = target->to_string();
    }
  }
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
      if (const auto* i = instances_.find(h.instance_id)) {
        keep.push_back({i->id, i->private_ip, i->availability_zone});
      }
    }
    for (auto& proxy : it->second.proxies) {
      proxy->stop();
    }
    balancers_.erase(it);
  }
  bool fresh_address = address.empty();
  FAULTBOX_TRY(lb, elb::LoadBalancer::create(config, clock_));
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
  int port = config.listeners.empty() ? 80 : effective_port(config.listeners[0].lb_port);
  b.dns_name = port == 80 ? address : fmt::format("{}:{}", address, port);
  for (auto& r : keep) {
    (void)b.lb->register_instance(std::move(r));
  }
  auto& stored = balancers_[config.name];
  stored = std::move(b);
  return &stored;
}

Result<void> Cloud::remove_balancer(const std::string& name) {
  auto it = balancers_.find(name);
  if (it == balancers_.end()) {
    return errors::not_found("load balancer " + name + " does not exist");
  }
  for (auto& proxy : it->second.proxies) {
    it->second.lb->remove_sink(*proxy);
    proxy->stop();
  }
  if (leases_) {
    leases_->release(it->second.address);
  }
  balancers_.erase(it);
  return {};
}

const Balancer* Cloud::find_balancer(const std::string& name) const {
  auto it = balancers_.find(name);
  return it == balancers_.end() ? nullptr : &it->second;
}

namespace {
// One second of a load balancer's counters into the region's metric store. As a Classic ELB
// does, counters are published only when non-zero; host counts always.
void publish_second(monitoring::MetricStore& store, const std::string& lb, TimePoint at,
                    const MetricSecond& s) {
  auto key = [&lb](elb::Metric m) {
    return monitoring::MetricKey::make(std::string(elb::kMetricNamespace),
                                       std::string(elb::metric_name(m)),
                                       {{std::string(elb::kLoadBalancerDimension), lb}});
  };
  for (size_t m = 0; m < elb::kCounterCount; ++m) {
    if (auto n = s.counts.counts[m]; n > 0) {
      (void)store.put_value(key(static_cast<elb::Metric>(m)), at, static_cast<double>(n));
    }
  }
  if (s.counts.latency_count > 0) {
    // The proxy keeps no per-second minimum: the mean stands in for it.
    auto count = static_cast<double>(s.counts.latency_count);
    auto mean = s.counts.latency_sum / count;
    (void)store.put(key(elb::Metric::Latency), at,
                    {s.counts.latency_sum, count, mean, s.counts.latency_max});
  }
  (void)store.put_value(key(elb::Metric::HealthyHosts), at, s.hosts.healthy);
  (void)store.put_value(key(elb::Metric::UnhealthyHosts), at, s.hosts.unhealthy);
}
}  // namespace

void Cloud::collect_metrics(TimePoint now) {
  for (auto& [name, b] : balancers_) {
    MetricSecond second{now, {}, b.lb->host_counts()};
    for (auto& proxy : b.proxies) {
      second.counts.merge(proxy->take_metrics());
    }
    // The counts are of the second that just ended.
    publish_second(region(b.region).metrics, name, now - std::chrono::seconds(1), second);
    b.metrics.push_back(second);
    if (b.metrics.size() > kMetricSeconds) {
      b.metrics.pop_front();
    }
  }
}

}  // namespace faultbox::cloud
