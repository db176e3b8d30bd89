#include "limits/instance_disks.h"

#include <gtest/gtest.h>

namespace faultbox::limits {
namespace {

// Mounting itself needs root and loop devices: tests/e2e/instance_limits_test.sh.
TEST(InstanceDisks, MountsUnderADirectoryAreFoundDeepestFirstWithEscapesDecoded) {
  const std::string mountinfo =
      "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
      "90 22 7:0 / /data/lab/instances/i-1/rootfs rw,nosuid - ext4 /dev/loop0 rw\n"
      "91 22 7:1 / /data/lab/instances/i-2/rootfs rw,nosuid - ext4 /dev/loop1 rw\n"
      "92 90 0:5 / /data/lab/instances/i-1/rootfs/var/x rw - tmpfs tmpfs rw\n"
      "93 22 7:2 / /data/lab\\040two/instances/i-3/rootfs rw - ext4 /dev/loop2 rw\n"
      "94 22 7:3 / /data/lab/instances-other/i-4/rootfs rw - ext4 /dev/loop3 rw\n";
  EXPECT_EQ(mounts_under("/data/lab/instances", mountinfo),
            (std::vector<std::filesystem::path>{"/data/lab/instances/i-1/rootfs/var/x",
                                                "/data/lab/instances/i-1/rootfs",
                                                "/data/lab/instances/i-2/rootfs"}));
  EXPECT_EQ(mounts_under("/data/lab two/instances", mountinfo),
            (std::vector<std::filesystem::path>{"/data/lab two/instances/i-3/rootfs"}));
  EXPECT_TRUE(mounts_under("/elsewhere", mountinfo).empty());
}

}  // namespace
}  // namespace faultbox::limits
