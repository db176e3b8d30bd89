// The simulated AWS account: its stateful kinds (instances, launch templates, auto-scaling
// groups, classic load balancers, records; see all_kinds.def), its regions' CloudWatch and FIS
// services, and the tick that drives them all. The Cloud only wires them: each kind keeps its
// own resources and persistence. Control strand only.
#pragma once

#include <boost/asio/io_context.hpp>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <typeindex>
#include <unordered_map>
#include <vector>

#include "cloud/kind.h"
#include "compute/address_leases.h"
#include "compute/instance_manager.h"
#include "compute/process_supervisor.h"
#include "core/clock.h"
#include "core/result.h"
#include "limits/cgroup_tree.h"
#include "limits/instance_disks.h"
#include "netfault/lab_path_faults.h"
#include "netfault/packet_filter.h"

namespace faultbox::cloud {

struct RegionServices;

struct CloudOptions {
  std::string account_id = "000000000000";
  std::filesystem::path data_dir;
  std::string faultbox_binary;  // runs the built-in web image
  std::string imds_prefix;      // "http://127.0.0.1:4566/_imds/"
  std::string api_endpoint;     // "http://127.0.0.1:4566": where Lambda functions' AWS calls go
  std::string imds_address;     // "127.0.0.1:4566": where 169.254.169.254 leads inside instances
  std::string sandbox_program;  // bwrap, for the Amazon-Linux-like image; "" when not installed
  std::string sandbox_problem;  // why that bwrap cannot run here; "" when it can
  std::string imds_preload;     // the LD_PRELOAD library that redirects 169.254.169.254
  // `serve --auth`: AWS calls must carry a SigV4 signature by a key the lab issued (the root's,
  // an IAM user's, a role session's). Otherwise any credentials are the root's.
  bool check_signatures = false;
  // How long a new or started instance stays pending (lab time), as EC2 launches take a while.
  Duration instance_boot_time = std::chrono::seconds(30);
  // Machine-wide leases of instance addresses, shared with other labs; none when empty.
  std::filesystem::path address_lease_dir;
  // Without root, ports below 1024 cannot be bound: they move up by this much.
  int unprivileged_port_offset = 0;
  // The nice value the lab's processes (instances, Lambda invocations) start at when the lab runs
  // ahead of them; none when it runs at the nice it was started with.
  std::optional<int> child_nice;
  // Where network faults take effect: the kernel's packet filter, or, when the lab may not
  // change it (`packet_filter_problem` says why), the lab's own paths to instances, `lab_paths`
  // (load balancers, health checks, the metadata service). Null: network faults fail.
  std::shared_ptr<netfault::PacketFilter> packet_filter;
  std::shared_ptr<netfault::LabPathFaults> lab_paths;
  std::string packet_filter_problem;
  // Why the filter cannot delay packets (the latency documents); "" when it can.
  std::string packet_delay_problem;
  // The kernel's bounds for instances (limits::probe_cgroups); null when the lab may not make
  // cgroups, and instances then take what the machine has.
  std::shared_ptr<limits::CgroupTree> cgroups;
  // Root disks of their own for the instances (limits::probe_instance_disks); null without.
  std::shared_ptr<limits::InstanceDisks> disks;
};

class Cloud {
 public:
  Cloud(const Clock& clock, compute::ProcessSupervisor& supervisor,
        boost::asio::io_context& control, boost::asio::io_context& data_plane,
        CloudOptions options);
  ~Cloud();

  const Clock& clock() const { return clock_; }
  const CloudOptions& options() const { return options_; }
  compute::ProcessSupervisor& supervisor() { return supervisor_; }
  boost::asio::io_context& control() { return control_; }
  boost::asio::io_context& data_plane() { return data_plane_; }
  // Machine-wide leases of loopback addresses (instances' and load balancers'), so that two labs
  // never share one; null when the lab keeps none.
  const std::shared_ptr<compute::AddressLeases>& leases() const { return leases_; }
  // The port a process really binds for a wanted port (below 1024 moves up without root).
  int effective_port(int port) const;

  // One of the kinds of all_kinds.def, by type: cloud.kind<Groups>().
  template <class K>
  K& kind() {
    return static_cast<K&>(*kinds_by_type_.at(std::type_index(typeid(K))));
  }
  template <class K>
  const K& kind() const {
    return static_cast<const K&>(*kinds_by_type_.at(std::type_index(typeid(K))));
  }
  // The instances kind's engine, which nearly everything uses.
  compute::InstanceManager& instances();
  const compute::InstanceManager& instances() const;

  // Resources the lab keeps as plain records for now (IAM, network): by type, then id. They
  // are the stored_records kind's (cloud/records).
  void put_record(const std::string& type, const std::string& id, nlohmann::json body);
  void remove_record(const std::string& type, const std::string& id);
  const std::map<std::string, nlohmann::json>& records(const std::string& type) const;

  // The region's CloudWatch and FIS services, made on first use.
  RegionServices& region(const std::string& name);
  const std::map<std::string, std::unique_ptr<RegionServices>>& regions() const { return regions_; }
  // Where a request without a region acts: the region holding the lab's resources (the first
  // one with a load balancer, group, instance or Lambda function), else us-east-1.
  std::string default_region() const;

  // Drives every kind, then every region's alarms and experiments, to `now`. Call often (every
  // ~50 ms real).
  void tick(TimePoint now);
  // Each second of lab time: the load balancers' counters.
  void collect_metrics(TimePoint now);
  // Stops every instance process (the records keep their state, as after a host power cut).
  void kill_all_processes();

  // Persistence: every kind's records, and back after a lab restart (running instances boot
  // again, as after a host reboot).
  using Records = cloud::Records;
  Records to_records() const;
  // What changed since the last records_to_save(), for the lab's snapshot writer: every kind's
  // save_changes(). Then records_not_saved() when the write failed.
  Records records_to_save();
  void records_not_saved();
  Result<void> restore(const Records& records);
  // The metric stores, kept apart: they grow with time, so the lab saves them less often.
  RecordList metric_records() const;
  // The records of the metrics PutMetricData added to since the last call (as metric_records()
  // makes them), so that what such a call acknowledged is saved before its answer.
  RecordList take_metric_records_put_by_calls();
  Result<void> restore_metrics(const RecordList& records);

 private:
  void add_kind(std::unique_ptr<Kind> kind);

  const Clock& clock_;
  compute::ProcessSupervisor& supervisor_;
  boost::asio::io_context& control_;
  boost::asio::io_context& data_plane_;
  CloudOptions options_;
  std::shared_ptr<compute::AddressLeases> leases_;
  std::vector<std::unique_ptr<Kind>> kinds_;  // in all_kinds.def's order
  std::unordered_map<std::type_index, Kind*> kinds_by_type_;
  std::map<std::string, std::unique_ptr<RegionServices>> regions_;
};

}  // namespace faultbox::cloud
