#include "compute/instance_types.h"

#include <gtest/gtest.h>

namespace faultbox::compute {
namespace {

TEST(InstanceTypes, ListedTypesHaveEc2sSizesOthersAMicros) {
  EXPECT_EQ(instance_type_size("t3.nano").memory_mib, 512);
  EXPECT_EQ(instance_type_size("t3.nano").vcpus, 2);
  EXPECT_EQ(instance_type_size("t2.micro").vcpus, 1);
  EXPECT_EQ(instance_type_size("r5.large").memory_mib, 16384);
  EXPECT_EQ(instance_type_size("x9.huge").memory_mib, 1024);
}

TEST(InstanceTypes, BoundsAreTheTypesMemoryAndAQuarterCorePerVcpuAtMostTheMachines) {
  const auto nano = instance_bounds("t3.nano", 2);
  EXPECT_DOUBLE_EQ(nano.cpu_cores, 0.5);
  EXPECT_EQ(nano.memory_bytes, 512LL * 1024 * 1024);
  EXPECT_EQ(nano.max_processes, kMaxInstanceProcesses);
  EXPECT_DOUBLE_EQ(instance_bounds("t3.2xlarge", 16).cpu_cores, 2.0);
  EXPECT_DOUBLE_EQ(instance_bounds("t3.2xlarge", 1).cpu_cores, 1.0);
}

}  // namespace
}  // namespace faultbox::compute
