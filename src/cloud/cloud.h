// The simulated AWS account: instances, launch templates, auto-scaling groups, classic load
// balancers and the plain records (alarms, IAM, log groups) — and the tick that keeps groups at
// capacity and load balancers checking health. Control strand only.
#pragma once

#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "compute/auto_scaling_group.h"
#include "compute/instance_manager.h"
#include "core/clock.h"
#include "core/result.h"
#include "elb/asio_health_prober.h"
#include "elb/load_balancer.h"
#include "elb/proxy.h"

namespace faultbox::cloud {

struct RegionServices;

struct CloudOptions {
  std::string account_id = "000000000000";
  std::filesystem::path data_dir;
  std::string faultbox_binary;  // runs the built-in web image
  std::string imds_prefix;      // "http://127.0.0.1:4566/_imds/"
  std::string imds_address;     // "127.0.0.1:4566": where 169.254.169.254 leads inside instances
  std::string sandbox_program;  // bwrap, for the Amazon-Linux-like image; "" when not installed
  std::string imds_preload;     // the LD_PRELOAD library that redirects 169.254.169.254
  // How long a new or started instance stays pending (lab time), as EC2 launches take a while.
  Duration instance_boot_time = std::chrono::seconds(30);
  // Machine-wide leases of instance addresses, shared with other labs; none when empty.
  std::filesystem::path address_lease_dir;
  // Without root, ports below 1024 cannot be bound: they move up by this much.
  int unprivileged_port_offset = 0;
};

struct LaunchTemplate {
  std::string id;  // "lt-" + 17 hex
  std::string name;
  std::string region;
  long version = 1;
  std::string image_id;
  std::string instance_type;
  std::string user_data;  // decoded
  compute::Tags instance_tags;
  compute::MetadataOptions metadata;
};

struct Group {
  compute::AutoScalingGroupSpec spec;
  std::string region;
  std::set<std::string> members;
  std::deque<compute::ScalingActivity> activities;  // newest last
  TimePoint created{};  // when put_group first made it (a restore makes it anew)
};

// One second of a load balancer's counters, for the views (the metric store comes later).
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
};

class Cloud {
 public:
  Cloud(const Clock& clock, compute::ProcessSupervisor& supervisor,
        boost::asio::io_context& control, boost::asio::io_context& data_plane,
        CloudOptions options);
  ~Cloud();

  const Clock& clock() const { return clock_; }
  const CloudOptions& options() const { return options_; }
  compute::InstanceManager& instances() { return instances_; }
  const compute::InstanceManager& instances() const { return instances_; }
  // The port a process really binds for a wanted port (below 1024 moves up without root).
  int effective_port(int port) const;

  Result<const LaunchTemplate*> put_launch_template(LaunchTemplate lt);
  Result<void> remove_launch_template(const std::string& name);
  const LaunchTemplate* find_launch_template(const std::string& id_or_name) const;

  // Creates or updates a group (sizes, AZs, template, load balancers, health check).
  Result<const Group*> put_group(compute::AutoScalingGroupSpec spec, const std::string& region);
  // Terminates the group's instances and forgets it.
  Result<void> remove_group(const std::string& name);
  const Group* find_group(const std::string& name) const;

  // Creates a load balancer on a fresh loopback IP, or reconfigures one of that name.
  // `address` is chosen when empty (a restore passes the old one).
  Result<const Balancer*> put_balancer(elb::LoadBalancerConfig config, const std::string& region,
                                       std::vector<std::string> azs, std::string address = "");
  Result<void> remove_balancer(const std::string& name);
  const Balancer* find_balancer(const std::string& name) const;
  // RegisterInstancesWithLoadBalancer / DeregisterInstancesFromLoadBalancer for one instance
  // (not_found for an unknown load balancer or instance; see cloud_api_ops.cpp).
  Result<void> register_with_balancer(const std::string& balancer, const std::string& instance);
  Result<void> deregister_from_balancer(const std::string& balancer,
                                        const std::string& instance);
  // ConfigureHealthCheck: a new health check on the same address and listeners, with the same
  // registrations. The instances' health states start over (OutOfService until they pass
  // HealthyThreshold checks), as elb::LoadBalancer cannot change its thresholds in place.
  Result<const Balancer*> configure_health_check(const std::string& balancer,
                                                 elb::HealthCheckConfig health_check);
  // SetInstanceHealth: an Unhealthy group member is terminated at once (and the group launches
  // a replacement on its next tick); Healthy changes nothing. not_found outside any group.
  Result<void> set_instance_health(const std::string& instance, bool healthy);

  // Resources the lab keeps as records for now (alarms, IAM, log groups): by type, then id.
  void put_record(const std::string& type, const std::string& id, nlohmann::json body);
  void remove_record(const std::string& type, const std::string& id);
  const std::map<std::string, nlohmann::json>& records(const std::string& type) const;

  // The region's CloudWatch and FIS services, made on first use.
  RegionServices& region(const std::string& name);
  const std::map<std::string, std::unique_ptr<RegionServices>>& regions() const { return regions_; }
  // Where a request without a region acts: the region holding the lab's resources (the first
  // one with a load balancer, group or instance), else us-east-1.
  std::string default_region() const;

  // Drives every instance, group and load balancer to `now`. Call often (every ~50 ms real).
  void tick(TimePoint now);
  // Each second of lab time: the load balancers' counters.
  void collect_metrics(TimePoint now);
  // Stops every instance process (the records keep their state, as after a host power cut).
  void kill_all_processes();

  // Persistence: every resource as (kind, id, JSON) records, and back after a lab restart
  // (running instances boot again, as after a host reboot). See cloud_persistence.cpp.
  using Records = std::map<std::string, std::vector<std::pair<std::string, nlohmann::json>>>;
  Records to_records() const;
  Result<void> restore(const Records& records);
  // The metric stores, kept apart: they grow with time, so the lab saves them less often.
  std::vector<std::pair<std::string, nlohmann::json>> metric_records() const;
  Result<void> restore_metrics(const std::vector<std::pair<std::string, nlohmann::json>>& records);

  const std::map<std::string, Group>& groups() const { return groups_; }
  const std::map<std::string, Balancer>& balancers() const { return balancers_; }

 private:
  void reconcile_group(Group& group, TimePoint now);
  Result<void> restore_template(const std::string& region_name, const nlohmann::json& saved);
  compute::GroupView view_of(const Group& group) const;
  Result<std::string> launch_member(Group& group, const std::string& az);
  void sync_registrations(Group& group);
  std::string next_balancer_address();
  // A new health state machine with `config` behind the balancer's running proxies; registered
  // instances stay registered (and start OutOfService, as new checks must pass).
  Result<void> replace_load_balancer(Balancer& b, elb::LoadBalancerConfig config);
  // One proxy per listener on `address`; with `fresh_address`, picks the address itself.
  Result<std::vector<std::unique_ptr<elb::Proxy>>> start_proxies(
      const elb::LoadBalancerConfig& config, std::string& address, bool fresh_address);

  const Clock& clock_;
  compute::ProcessSupervisor& supervisor_;
  boost::asio::io_context& data_plane_;
  CloudOptions options_;
  // Machine-wide leases of loopback addresses (instances' and load balancers'), so that two labs
  // never share one: SO_REUSEPORT would let both balancers listen and split the traffic.
  std::shared_ptr<compute::AddressLeases> leases_;
  compute::InstanceManager instances_;
  elb::AsioHealthProber prober_;
  std::map<std::string, LaunchTemplate> launch_templates_;  // by name
  std::map<std::string, Group> groups_;
  std::map<std::string, Balancer> balancers_;
  std::map<std::string, std::map<std::string, nlohmann::json>> records_;
  std::map<std::string, std::unique_ptr<RegionServices>> regions_;
  int next_balancer_host_ = 10;
  uint64_t next_template_serial_ = 1;
};

}  // namespace faultbox::cloud
