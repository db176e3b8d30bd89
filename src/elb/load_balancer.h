// A Classic ELB on the control plane: configuration, registered instances, the health-check
// schedule, and publication of the InService set to the data plane. Control strand only.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "elb/backend_snapshot.h"
#include "elb/health_prober.h"
#include "elb/health_state.h"
#include "elb/health_target.h"
#include "netfault/lab_path_faults.h"

namespace faultbox::elb {

struct Listener {
  std::uint16_t lb_port = 80;
  std::uint16_t instance_port = 80;
};

// AWS defaults; all durations in lab time.
struct HealthCheckConfig {
  std::string target = "TCP:80";
  Duration interval{30'000};
  Duration timeout{5'000};
  int healthy_threshold = 10;
  int unhealthy_threshold = 2;
};

struct LoadBalancerConfig {
  std::string name;
  std::vector<Listener> listeners;
  HealthCheckConfig health_check;
};

struct RegisteredInstance {
  std::string id;
  std::string address;
  std::string az;
};

struct HostCounts {
  int healthy = 0;    // HealthyHostCount
  int unhealthy = 0;  // UnHealthyHostCount
};

// Checks a configuration against AWS's limits (name, listeners, interval 5-300 s, timeout 2-60 s
// and below the interval, thresholds 2-10, a target the lab can probe). ValidationException else.
Result<void> validate(const LoadBalancerConfig& config);

class LoadBalancer {
 public:
  // Validates `config`. The clock must outlive the load balancer.
  static Result<std::unique_ptr<LoadBalancer>> create(LoadBalancerConfig config,
                                                      const Clock& clock);
  ~LoadBalancer();
  LoadBalancer(const LoadBalancer&) = delete;
  LoadBalancer& operator=(const LoadBalancer&) = delete;

  const LoadBalancerConfig& config() const { return config_; }
  const HealthTarget& target() const { return target_; }

  // Adds a receiver of snapshots and hands it the current one at once. Not owned; it must
  // outlive the load balancer or be removed with remove_sink.
  void add_sink(BackendSink& sink);
  void remove_sink(BackendSink& sink);
  std::shared_ptr<const BackendSnapshot> snapshot() const { return snapshot_; }
  // Network faults the lab applies on its own paths (no kernel filter): the proxies and health
  // checks meet them on the way to each instance, followed at every tick. Null: none. A lab
  // without root moves ports below 1024 up by `moved_by` (the health check's target is moved,
  // the listeners' ports are not); rules name ports as AWS does, unmoved.
  void use_lab_paths(std::shared_ptr<const netfault::LabPathFaults> faults,
                     std::uint16_t moved_by = 0);

  // Registers an instance (OutOfService until it passes healthy_threshold checks; its first
  // check is due at once). Registering a registered instance again changes nothing, as on AWS.
  Result<void> register_instance(RegisteredInstance instance);
  // A registration saved before a lab restart, InService at once when it was and its instance
  // served on through the restart (its process adopted); otherwise as register_instance.
  Result<void> restore_instance(RegisteredInstance instance, bool in_service);
  // InvalidEndPoint when the instance is not registered. Publishes if it was InService.
  Result<void> deregister_instance(std::string_view instance_id);

  // DescribeInstanceHealth, in registration order.
  std::vector<InstanceHealth> describe_instance_health() const;
  HostCounts host_counts() const;

  // Starts the probe of every instance whose check is due at `now` (every interval, never two
  // at once for one instance).
  void tick(TimePoint now, HealthProber& prober);
  // Applies a probe's outcome; drops it when `probe_id` is not the instance's probe in flight
  // (the instance was deregistered meanwhile). Publishes when the InService set changed.
  void on_probe_result(std::string_view instance_id, std::uint64_t probe_id,
                       const ProbeResult& result);

 private:
  struct Entry;
  LoadBalancer(LoadBalancerConfig config, HealthTarget target, const Clock& clock);
  Entry* find(std::string_view instance_id);
  void publish();
  netfault::FlowFault path_fault(const std::string& address, std::uint16_t port) const;

  LoadBalancerConfig config_;
  HealthTarget target_;
  const Clock& clock_;
  std::vector<Entry> entries_;
  std::vector<BackendSink*> sinks_;
  std::shared_ptr<const BackendSnapshot> snapshot_;
  std::uint64_t next_probe_id_ = 1;
  std::shared_ptr<const netfault::LabPathFaults> lab_paths_;
  std::uint64_t lab_paths_version_ = 0;  // of the faults in the last snapshot
  std::uint16_t moved_by_ = 0;
  std::shared_ptr<int> alive_;  // probe callbacks hold a weak_ptr: no call after destruction
};

}  // namespace faultbox::elb
