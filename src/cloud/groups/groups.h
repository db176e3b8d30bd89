// Auto-scaling groups: each kept at capacity with compute::decide, its members launched from
// its launch template and registered with its load balancers.
#pragma once

#include <deque>
#include <map>
#include <set>
#include <string>

#include "cloud/kind.h"
#include "compute/auto_scaling_group.h"
#include "compute/launch_faults.h"

namespace faultbox::cloud {

class Cloud;
struct LaunchTemplate;

struct Group {
  compute::AutoScalingGroupSpec spec;
  std::string region;
  std::set<std::string> members;
  std::deque<compute::ScalingActivity> activities;  // newest last
  TimePoint created{};                              // when put first made it
  std::string uuid;                                 // the group's own, part of its ARN
  // Insufficient-capacity faults an experiment holds on the group's launches. Not saved: a
  // lab that restarts has ended the experiments that held them, so they are undone.
  compute::LaunchFaults launch_faults;
};

class Groups final : public Kind {
 public:
  explicit Groups(Cloud& cloud) : cloud_(cloud) {}

  // Creates or updates a group (sizes, AZs, template, load balancers, health check).
  Result<const Group*> put(compute::AutoScalingGroupSpec spec, const std::string& region);
  // Terminates the group's instances and forgets it.
  Result<void> remove(const std::string& name);
  const Group* find(const std::string& name) const;
  const std::map<std::string, Group>& all() const { return groups_; }
  // The group's ARN, the same through every API and the stack's state.
  std::string arn(const Group& group) const;

  // SetInstanceHealth: an Unhealthy group member is terminated at once (and the group launches
  // a replacement on its next tick); Healthy changes nothing. not_found outside any group.
  Result<void> set_instance_health(const std::string& instance, bool healthy);

  // Launches of the group in the fault's zones fail with InsufficientInstanceCapacity until the
  // fault is removed; the group then launches in its other zones. not_found for no such group.
  Result<void> add_launch_fault(const std::string& group, const std::string& fault_id,
                                compute::LaunchFault fault);
  // Removing what is not there (or from a group that is gone) is not an error.
  void remove_launch_fault(const std::string& group, const std::string& fault_id);

  void save(Records& out) const override;
  Result<void> restore(const Records& saved) override;
  void tick(TimePoint now) override;

 private:
  void reconcile(Group& group, TimePoint now);
  compute::GroupView view_of(const Group& group) const;
  const LaunchTemplate* launch_template_of(const Group& group) const;
  Result<std::string> launch_member(Group& group, const std::string& az);
  // Carries out a Launch decision: in its zone, or, while that zone has no capacity, in the
  // zone with the fewest members among those not yet refused, as Auto Scaling retries. Each
  // refused attempt is an activity of its own.
  void launch(Group& group, compute::ScalingDecision decision, TimePoint now);
  void add_activity(Group& group, compute::ScalingActivity activity);
  void sync_registrations(Group& group);
  // Takes a member out of its load balancers and terminates it.
  void terminate_member(Group& group, const std::string& instance);

  Cloud& cloud_;
  std::map<std::string, Group> groups_;
};

}  // namespace faultbox::cloud
