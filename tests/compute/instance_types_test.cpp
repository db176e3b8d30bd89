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

}  // namespace
}  // namespace faultbox::compute
