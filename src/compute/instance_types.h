// What an instance type gives an instance: its vCPUs and memory, as EC2 lists them for the
// types people launch in workshops and templates. The lab bounds an instance's faults by them
// (a memory stress takes a share of the instance's memory, never of the machine's).
#pragma once

#include <string_view>

namespace faultbox::compute {

struct InstanceTypeSize {
  int vcpus = 2;
  long long memory_mib = 1024;
};

// The type's size; a type the table does not list gets t3.micro's (2 vCPUs, 1 GiB).
InstanceTypeSize instance_type_size(std::string_view instance_type);

}  // namespace faultbox::compute
