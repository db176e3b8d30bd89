// Classic load balancers: each on its own loopback IP with one proxy per listener, fed
// InService backends by its health checks, its counters collected every lab second.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cloud/kind.h"
#include "elb/asio_health_prober.h"
#include "elb/load_balancer.h"
#include "elb/proxy.h"

namespace faultbox::cloud {

class Cloud;

// One second of a load balancer's counters, for the views (the metric store has them too).
struct MetricSecond {
  TimePoint at;
  elb::ProxyMetrics counts;
  elb::HostCounts hosts;
};

struct Balancer {
  std::string name;
  std::string region;
  std::vector<std::string> availability_zones;
  std::string address;  // its own loopback IP
  std::string dns_name;
  std::unique_ptr<elb::LoadBalancer> lb;
  std::vector<std::unique_ptr<elb::Proxy>> proxies;
  std::deque<MetricSecond> metrics;
  // Every second's counters added up since the lab started (Prometheus' counters): unlike the
  // metric store's seconds they only grow, so a scrape misses nothing between two scrapes.
  elb::ProxyMetrics totals;
};

class Balancers final : public Kind {
 public:
  explicit Balancers(Cloud& cloud);
  ~Balancers() override;

  // Creates a load balancer on a fresh loopback IP, or reconfigures one of that name.
  // `address` is chosen when empty (a restore passes the old one).
  Result<const Balancer*> put(elb::LoadBalancerConfig config, const std::string& region,
                              std::vector<std::string> azs, std::string address = "");
  Result<void> remove(const std::string& name);
  const Balancer* find(const std::string& name) const;
  const std::map<std::string, Balancer>& all() const { return balancers_; }

  // RegisterInstancesWithLoadBalancer / DeregisterInstancesFromLoadBalancer for one instance
  // (not_found for an unknown load balancer or instance).
  Result<void> register_instance(const std::string& balancer, const std::string& instance);
  Result<void> deregister_instance(const std::string& balancer, const std::string& instance);
  // ConfigureHealthCheck: a new health check on the same address and listeners, with the same
  // registrations. The instances' health states start over (OutOfService until they pass
  // HealthyThreshold checks), as elb::LoadBalancer cannot change its thresholds in place.
  Result<const Balancer*> configure_health_check(const std::string& balancer,
                                                 elb::HealthCheckConfig health_check);

  // Each second of lab time: the counters into the views and the region's metric store.
  void collect_metrics(TimePoint now);

  void save(Records& out) const override;
  Result<void> restore(const Records& saved) override;
  void tick(TimePoint now) override;

 private:
  std::string next_address();
  // A new health state machine with `config` behind the balancer's running proxies; registered
  // instances stay registered (and start OutOfService, as new checks must pass).
  Result<void> replace_load_balancer(Balancer& b, elb::LoadBalancerConfig config);
  // A load balancer that meets the lab's network faults when they act on its own paths.
  Result<std::unique_ptr<elb::LoadBalancer>> create_load_balancer(
      const elb::LoadBalancerConfig& config) const;
  // One proxy per listener on `address`; with `fresh_address`, picks the address itself.
  Result<std::vector<std::unique_ptr<elb::Proxy>>> start_proxies(
      const elb::LoadBalancerConfig& config, std::string& address, bool fresh_address);
  // Without root, instances listen on moved ports: health checks must follow them.
  void follow_moved_port(elb::HealthCheckConfig& health_check) const;

  Cloud& cloud_;
  elb::AsioHealthProber prober_;
  std::map<std::string, Balancer> balancers_;
  int next_host_ = 10;
};

}  // namespace faultbox::cloud
