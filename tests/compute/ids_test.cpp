#include "compute/ids.h"

#include <gtest/gtest.h>

#include <set>

namespace faultbox::compute {
namespace {

TEST(IdGenerator, InstanceIdsHaveEc2Shape) {
  IdGenerator gen(1);
  for (int n = 0; n < 100; ++n) {
    const auto id = gen.instance_id();
    EXPECT_EQ(id.size(), 19u) << id;
    EXPECT_TRUE(is_instance_id(id)) << id;
  }
}

TEST(IdGenerator, SameSeedSameIdsDifferentSeedDifferentIds) {
  IdGenerator a(42);
  IdGenerator b(42);
  IdGenerator c(43);
  const auto first = a.instance_id();
  EXPECT_EQ(first, b.instance_id());
  EXPECT_NE(first, c.instance_id());
  std::set<std::string> seen{first};
  for (int n = 0; n < 1000; ++n) {
    EXPECT_TRUE(seen.insert(a.instance_id()).second);
  }
}

TEST(InstanceIds, RejectsOtherShapes) {
  EXPECT_FALSE(is_instance_id("i-123"));
  EXPECT_FALSE(is_instance_id("i-0123456789ABCDEF0"));
  EXPECT_FALSE(is_instance_id("x-0123456789abcdef0"));
  EXPECT_TRUE(is_instance_id("i-0123456789abcdef0"));
}

}  // namespace
}  // namespace faultbox::compute
