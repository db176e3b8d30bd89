// What an instance type gives an instance: its vCPUs and memory, as EC2 lists them for the
// types people launch in workshops and templates. The lab bounds an instance's faults by them
// (a memory stress takes a share of the instance's memory, never of the machine's).
#pragma once

#include <string_view>

#include "limits/cgroup_tree.h"

namespace faultbox::compute {

struct InstanceTypeSize {
  int vcpus = 2;
  long long memory_mib = 1024;
};

// The type's size; a type the table does not list gets t3.micro's (2 vCPUs, 1 GiB).
InstanceTypeSize instance_type_size(std::string_view instance_type);

// One vCPU of an instance is this share of one of the machine's cores: a workshop's dozens of
// instances share a laptop's few cores, so a t3.nano (2 vCPUs) gets half a core and a
// t3.2xlarge (8 vCPUs) two, never more than the machine has.
inline constexpr double kCoresPerVcpu = 0.25;
// Processes and threads one instance may have at once: bounds a fork bomb, not a workload.
inline constexpr int kMaxInstanceProcesses = 4096;

// What the kernel bounds an instance of this type to (limits/cgroup_tree.h): its type's memory,
// its vCPUs at kCoresPerVcpu (at most `machine_cores`), kMaxInstanceProcesses.
limits::Bounds instance_bounds(std::string_view instance_type, unsigned machine_cores);

}  // namespace faultbox::compute
