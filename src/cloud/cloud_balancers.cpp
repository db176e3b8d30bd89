// Classic load balancers in the Cloud: each on its own loopback IP with one proxy per listener,
// fed InService backends by its health checks; counters collected every lab second.
#include <fmt/format.h>

#include "cloud/cloud.h"

namespace faultbox::cloud {

namespace {
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

Result<const Balancer*> Cloud::put_balancer(elb::LoadBalancerConfig config,
                                            const std::string& region,
                                            std::vector<std::string> azs,
                                            std::string address) {
  FAULTBOX_TRY_VOID(elb::validate(config));
  std::vector<elb::RegisteredInstance> keep;
  if (auto it = balancers_.find(config.name); it != balancers_.end()) {
    // Reconfiguring: start over on the same address with the same registrations.
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
  } else if (address.empty()) {
    address = next_balancer_address();
  }
  FAULTBOX_TRY(lb, elb::LoadBalancer::create(config, clock_));
  Balancer b;
  b.name = config.name;
  b.region = region;
  b.availability_zones = std::move(azs);
  b.address = address;
  b.lb = std::move(lb);
  for (const auto& listener : config.listeners) {
    elb::ProxyOptions options;
    options.name = config.name;
    options.address = address;
    options.port = static_cast<uint16_t>(effective_port(listener.lb_port));
    options.instance_port = static_cast<uint16_t>(effective_port(listener.instance_port));
    options.backend_timeout = clock_.to_real(std::chrono::seconds(60));
    options.client_idle_timeout = clock_.to_real(std::chrono::seconds(60));
    auto proxy = std::make_unique<elb::Proxy>(data_plane_, options);
    FAULTBOX_TRY_VOID(proxy->start());
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
  balancers_.erase(it);
  return {};
}

const Balancer* Cloud::find_balancer(const std::string& name) const {
  auto it = balancers_.find(name);
  return it == balancers_.end() ? nullptr : &it->second;
}

void Cloud::collect_metrics(TimePoint now) {
  for (auto& [name, b] : balancers_) {
    MetricSecond second{now, {}, b.lb->host_counts()};
    for (auto& proxy : b.proxies) {
      second.counts.merge(proxy->take_metrics());
    }
    b.metrics.push_back(second);
    if (b.metrics.size() > kMetricSeconds) {
      b.metrics.pop_front();
    }
  }
}

}  // namespace faultbox::cloud
