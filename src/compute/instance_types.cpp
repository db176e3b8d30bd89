// EC2's published sizes of the burstable and common general-purpose, compute and memory types.
#include "compute/instance_types.h"

#include <algorithm>
#include <map>
#include <string>

namespace faultbox::compute {

InstanceTypeSize instance_type_size(std::string_view instance_type) {
  static const std::map<std::string, InstanceTypeSize, std::less<>> sizes{
      {"t2.nano", {1, 512}},     {"t2.micro", {1, 1024}},   {"t2.small", {1, 2048}},
      {"t2.medium", {2, 4096}},  {"t2.large", {2, 8192}},   {"t3.nano", {2, 512}},
      {"t3.micro", {2, 1024}},   {"t3.small", {2, 2048}},   {"t3.medium", {2, 4096}},
      {"t3.large", {2, 8192}},   {"t3.xlarge", {4, 16384}}, {"t3.2xlarge", {8, 32768}},
      {"t3a.nano", {2, 512}},    {"t3a.micro", {2, 1024}},  {"t3a.small", {2, 2048}},
      {"t3a.medium", {2, 4096}}, {"t4g.nano", {2, 512}},    {"t4g.micro", {2, 1024}},
      {"t4g.small", {2, 2048}},  {"t4g.medium", {2, 4096}}, {"m5.large", {2, 8192}},
      {"m5.xlarge", {4, 16384}}, {"m6i.large", {2, 8192}},  {"m7i.large", {2, 8192}},
      {"c5.large", {2, 4096}},   {"c5.xlarge", {4, 8192}},  {"c6i.large", {2, 4096}},
      {"c7i.large", {2, 4096}},  {"r5.large", {2, 16384}},  {"r6i.large", {2, 16384}},
  };
  auto it = sizes.find(instance_type);
  return it == sizes.end() ? InstanceTypeSize{} : it->second;
}

limits::Bounds instance_bounds(std::string_view instance_type, unsigned machine_cores) {
  const auto size = instance_type_size(instance_type);
  return {std::min(size.vcpus * kCoresPerVcpu, static_cast<double>(std::max(machine_cores, 1U))),
          size.memory_mib * 1024 * 1024, kMaxInstanceProcesses};
}

}  // namespace faultbox::compute
