#include "limits/cgroup_layout.h"

#include <gtest/gtest.h>

#include <fstream>

#include "support/temp_dir.h"

namespace faultbox::limits {
namespace {

namespace fs = std::filesystem;

// A directory made to look like a machine's /proc/self and cgroup mounts.
class CgroupLayoutTest : public ::testing::Test {
 protected:
  void write(const std::string& absolute, const std::string& text) {
    const auto path = root_.path() / fs::path(absolute).relative_path();
    fs::create_directories(path.parent_path());
    std::ofstream(path) << text;
  }
  fs::path at(const std::string& absolute) const {
    return root_.path() / fs::path(absolute).relative_path();
  }
  test::TempDir root_;
};

// Debian 12 and most distributions today: cgroup v2 only.
TEST_F(CgroupLayoutTest, UnifiedTreeWithItsControllersIsUsedAtItsRoot) {
  write("/proc/self/mountinfo",
        "24 30 0:22 / /sys rw,nosuid shared:7 - sysfs sysfs rw\n"
        "29 24 0:26 / /sys/fs/cgroup rw,nosuid shared:9 - cgroup2 cgroup2 rw,nsdelegate\n");
  write("/proc/self/cgroup", "0::/user.slice/user-1000.slice/session-2.scope\n");
  write("/sys/fs/cgroup/cgroup.controllers", "cpuset cpu io memory hugetlb pids rdma misc\n");
  auto layout = find_cgroup_layout(root_.path());
  ASSERT_TRUE(layout) << layout.error().message;
  EXPECT_EQ(layout->version, CgroupVersion::V2);
  ASSERT_EQ(layout->places.size(), 1u);
  EXPECT_EQ(layout->places[0], (CgroupPlace{at("/sys/fs/cgroup"), {"cpu", "memory", "pids"}}));
}

// Hybrid machines (the ones these tests run on): the controllers are v1's, each mounted on its
// own; the unified tree beside them has none.
TEST_F(CgroupLayoutTest, HybridMachineUsesV1HierarchiesUnderItsOwnCgroups) {
  write("/proc/self/mountinfo",
        "30 29 0:27 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw\n"
        "31 29 0:28 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct\n"
        "32 29 0:29 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n"
        "33 29 0:30 / /sys/fs/cgroup/pids rw - cgroup cgroup rw,pids\n"
        "34 29 0:31 / /sys/fs/cgroup/systemd rw - cgroup cgroup rw,xattr,name=systemd\n");
  write("/proc/self/cgroup",
        "9:name=systemd:/\n5:pids:/job\n4:memory:/process_api/abc\n1:cpu,cpuacct:/\n0::/\n");
  write("/sys/fs/cgroup/unified/cgroup.controllers", "\n");
  auto layout = find_cgroup_layout(root_.path());
  ASSERT_TRUE(layout) << layout.error().message;
  EXPECT_EQ(layout->version, CgroupVersion::V1);
  ASSERT_EQ(layout->places.size(), 3u);
  EXPECT_EQ(layout->places[0],
            (CgroupPlace{at("/sys/fs/cgroup/memory/process_api/abc"), {"memory"}}));
  EXPECT_EQ(layout->places[1], (CgroupPlace{at("/sys/fs/cgroup/cpu,cpuacct"), {"cpu"}}));
  EXPECT_EQ(layout->places[2], (CgroupPlace{at("/sys/fs/cgroup/pids/job"), {"pids"}}));
}

// In a container the mount shows only the container's part of the hierarchy.
TEST_F(CgroupLayoutTest, V1MountOfPartOfTheHierarchyIsReadRelativeToIt) {
  write("/proc/self/mountinfo",
        "40 39 0:28 /docker/c1 /sys/fs/cgroup/memory ro - cgroup cgroup rw,memory\n"
        "41 39 0:29 /docker/c1 /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu\n");
  write("/proc/self/cgroup", "4:memory:/docker/c1\n1:cpu:/docker/c1/inner\n");
  auto layout = find_cgroup_layout(root_.path());
  ASSERT_TRUE(layout) << layout.error().message;
  EXPECT_EQ(layout->places[0].dir, at("/sys/fs/cgroup/memory"));
  EXPECT_EQ(layout->places[1].dir, at("/sys/fs/cgroup/cpu/inner"));
}

TEST_F(CgroupLayoutTest, NoMemoryOrCpuControllerIsAnErrorThatSaysSo) {
  write("/proc/self/mountinfo", "29 24 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n"
                                "31 29 0:28 / /sys/fs/cgroup/pids rw - cgroup cgroup rw,pids\n");
  write("/proc/self/cgroup", "0::/\n");
  write("/sys/fs/cgroup/cgroup.controllers", "pids io\n");
  auto layout = find_cgroup_layout(root_.path());
  ASSERT_FALSE(layout);
  EXPECT_NE(layout.error().message.find("no memory and cpu controllers"), std::string::npos);
}

}  // namespace
}  // namespace faultbox::limits
