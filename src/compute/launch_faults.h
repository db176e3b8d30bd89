// Insufficient-capacity faults on an auto-scaling group's launches
// (aws:ec2:asg-insufficient-instance-capacity-error): while a fault holds, the group's launch
// attempts in its zones fail for its percentage of the attempts, as EC2 answers
// InsufficientInstanceCapacity when a zone has no room left.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace faultbox::compute {

struct LaunchFault {
  // Zone names ("eu-west-2a") or zone ids ("euw2-az1"), as FIS's availabilityZoneIdentifiers.
  std::vector<std::string> zones;
  int percentage = 100;  // 1..100
};

class LaunchFaults {
 public:
  // Adds or replaces the fault known as `id` (the experiment's action that holds it).
  void add(const std::string& id, LaunchFault fault);
  // Removing a fault that is not there is not an error: stops are idempotent.
  void remove(const std::string& id);
  bool empty() const { return faults_.empty(); }

  // Whether the next launch attempt in this zone fails, counting the attempt. A percentage is
  // spread evenly over the attempts (50 % refuses every second one), so a run is repeatable.
  bool next_launch_fails(const std::string& zone_name, const std::string& zone_id);

 private:
  struct Held {
    LaunchFault fault;
    long attempts = 0;  // launches it has judged
  };
  std::map<std::string, Held> faults_;
};

// EC2's message when a zone has no capacity for the type, naming the zones that still have.
std::string insufficient_capacity_message(const std::string& instance_type, const std::string& zone,
                                          const std::vector<std::string>& other_zones);

}  // namespace faultbox::compute
