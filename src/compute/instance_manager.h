// EC2 instances as processes: RunInstances / Stop / Start / Reboot / Terminate and the
// transitions between EC2 states. Control strand only; time from the Clock and tick().
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "compute/address_leases.h"
#include "compute/ids.h"
#include "compute/instance.h"
#include "compute/instance_process.h"
#include "compute/process_supervisor.h"
#include "compute/state_history.h"
#include "core/clock.h"
#include "core/result.h"
#include "limits/cgroup_tree.h"

namespace faultbox::compute {

inline constexpr const char* kWebImageId = "ami-faultbox-web";

struct InstanceManagerConfig {
  ImageConfig image;
  std::string account_id = "000000000000";
  // Lab time an instance stays pending before its process starts (EC2 takes tens of seconds to
  // launch and boot; 0 boots at the next tick).
  Duration boot_time{0};
  // Lab time between SIGTERM and SIGKILL when stopping, terminating or rebooting.
  Duration kill_after = std::chrono::seconds(5);
  // Terminated instances stay listed this long, as EC2 keeps them visible for about an hour.
  Duration terminated_retention = std::chrono::hours(1);
  std::uint64_t id_seed = 0;
  // Skip private IPs whose instance port something else on the machine (another lab) holds.
  bool skip_addresses_in_use = false;
  // Machine-wide address leases shared with other labs; none when null (tests).
  std::shared_ptr<AddressLeases> leases;
  // State changes kept for reports (the oldest are dropped beyond this).
  std::size_t state_history = kDefaultStateHistory;
  // Instance processes started per tick at most; the rest wait for the next ticks. Each start
  // forks the lab, and the child takes the CPU from the control plane for a moment: 136
  // replacements in one tick (68 participants' groups at once) held the lab's API for up to a
  // second. 0: no limit.
  unsigned boots_per_tick = 4;
  // The kernel's bounds for instance processes (each in a cgroup of its instance type's CPU and
  // memory); none when null (tests, or a machine where the lab may not make cgroups).
  std::shared_ptr<limits::CgroupTree> cgroups;
  unsigned machine_cores = 1;  // what instance_bounds caps an instance's CPU at
};

struct LaunchSpec {
  std::string availability_zone;  // "<region><letter>", e.g. "eu-west-2a"
  std::string subnet_id;          // a subnet of that AZ; "" for the AZ's default subnet
  std::string image_id = kWebImageId;
  std::string instance_type = "t3.micro";
  int port = 80;
  Tags tags;
  std::string user_data;  // plain text; empty runs the built-in web image
  MetadataOptions metadata;
  MarketOptions market;
  std::string launch_template;  // "<id>:<version>", informational
};

class InstanceManager {
 public:
  InstanceManager(const Clock& clock, ProcessSupervisor& supervisor, InstanceManagerConfig config);

  // Creates a pending instance; its process starts on the next tick(). ValidationException for
  // a bad AZ or port; InsufficientInstanceCapacity when the AZ's subnet is full.
  Result<const Instance*> run_instance(const LaunchSpec& spec);
  // Each returns InvalidInstanceID.Malformed / InvalidInstanceID.NotFound for a bad id and
  // IncorrectInstanceState when EC2 would refuse the transition; repeating a request that is
  // already under way (stop a stopping instance) succeeds, as on EC2.
  Result<void> stop(const std::string& id);       // SIGTERM now, SIGKILL after kill_after
  Result<void> start(const std::string& id);      // stopped -> pending; boots on tick()
  Result<void> reboot(const std::string& id);     // running only; restarts the process
  Result<void> terminate(const std::string& id);  // keeps the record for terminated_retention
  // A spot instance's interruption, as EC2 sends one: the rebalance recommendation now, the
  // interruption notice two minutes before `at` (now, if that is sooner), and at `at` the
  // interruption itself, stopping or terminating it per its interruption behaviour with EC2's
  // spot state reason. UnsupportedOperation for an instance that is not spot,
  // IncorrectInstanceState for one that is not running.
  Result<void> interrupt_spot(const std::string& id, TimePoint at);
  // Withdraws an interruption not carried out yet; nothing to withdraw is not an error.
  Result<void> cancel_spot_interruption(const std::string& id);
  // Replaces an instance's tags (CreateTags / DeleteTags). Same id errors as above.
  Result<void> set_tags(const std::string& id, Tags tags);

  // Reaps exited processes and advances every instance: pending -> running once spawned,
  // stopping -> stopped and shutting-down -> terminated once the process group is gone, SIGKILL
  // after kill_after, respawn after reboot, forget terminated instances after the retention.
  // A process that dies by itself leaves its instance running with status "impaired".
  void tick(TimePoint now);

  // Instance processes that outlived a killed lab, by instance id (their process group leaders):
  // restore() adopts the one of each running instance instead of booting it again.
  void offer_survivors(std::map<std::string, int> leaders_by_instance);
  // The survivors no restored instance adopted (to be stopped).
  const std::map<std::string, int>& unadopted_survivors() const { return survivors_; }

  // Adds a stored instance (after a lab restart). A running instance whose process survived
  // (offer_survivors) keeps it; otherwise a running or pending instance boots again (its launch
  // time is then the boot's, as after a stop and start), a stopping one becomes stopped, a
  // shutting-down one terminated.
  Result<void> restore(Instance instance);

  // Every state change (launch as pending included), bounded; see StateHistory.
  const StateHistory& state_history() const { return history_; }
  // Saved changes (after a lab restart) go before those the restore itself caused.
  void restore_state_history(std::vector<StateTransition> saved);

  std::vector<const Instance*> list() const;  // ordered by id
  const Instance* find(const std::string& id) const;
  std::string arn(const Instance& instance) const;
  std::filesystem::path console_log(const std::string& id) const;

 private:
  Result<Instance*> lookup(const std::string& id);
  void set_state(Instance& i, InstanceState s, TimePoint now);
  // Its root disk goes with a terminated instance, as an EBS root volume is deleted on
  // termination by default.
  void delete_root_volume(const Instance& i);
  void request_shutdown(Instance& i, InstanceState next, TimePoint now);
  // Carries out a spot interruption whose time has come.
  void interrupt(Instance& i, TimePoint now);
  void on_exit(Instance& i, const ProcessExit& exit);
  void advance(Instance& i, TimePoint now);
  void escalate(Instance& i, TimePoint now);
  bool boot(Instance& i);
  // The process's command inside the instance's cgroups (when the lab has them).
  std::vector<std::string> bounded(const Instance& i, std::vector<std::string> argv);
  // Whether this tick may start one more instance process (counts it).
  bool may_boot();
  void console(const std::string& id, const std::string& line);
  std::set<std::string> taken_ips() const;

  const Clock& clock_;
  ProcessSupervisor& supervisor_;
  InstanceManagerConfig config_;
  IdGenerator ids_;
  std::map<std::string, Instance> instances_;
  std::map<int, std::string> by_pid_;
  std::map<std::string, int> survivors_;  // see offer_survivors
  StateHistory history_;
  unsigned boots_left_ = 0;  // in this tick (config_.boots_per_tick)
};

}  // namespace faultbox::compute
