#include "limits/cgroup_tree.h"

#include <gtest/gtest.h>

#include <fstream>

#include "support/temp_dir.h"

namespace faultbox::limits {
namespace {

namespace fs = std::filesystem;

constexpr std::int64_t kMiB = 1024 * 1024;

// Plain directories stand in for cgroupfs: the tree's writes land in files that are read back.
// (The kernel's own answers, rmdir of a cgroup with its control files, are in the e2e tests.)
class CgroupTreeTest : public ::testing::Test {
 protected:
  fs::path dir(const std::string& name) {
    fs::create_directories(root_.path() / name);
    return root_.path() / name;
  }
  test::TempDir root_;
};

TEST_F(CgroupTreeTest, V2HandsControllersDownAndSetsMaxFiles) {
  const auto unified = dir("unified");
  std::ofstream(unified / "cgroup.subtree_control") << "cpu\n";
  auto tree = CgroupTree::open({CgroupVersion::V2, {{unified, {"memory", "cpu", "pids"}}}}, "lab");
  ASSERT_TRUE(tree) << tree.error().message;
  // The root already handed cpu down; memory and pids are added, and the lab's cgroup hands
  // all three to the instances'.
  EXPECT_EQ(test::read_file(unified / "cgroup.subtree_control"), "+memory +pids");
  EXPECT_EQ(test::read_file(unified / "lab/cgroup.subtree_control"), "+cpu +memory +pids");

  // The kernel makes memory.swap.max where it accounts swap.
  fs::create_directories(unified / "lab/i-1");
  std::ofstream(unified / "lab/i-1/memory.swap.max") << "max";
  auto procs = (*tree)->prepare("i-1", {0.5, 512 * kMiB, 4096});
  ASSERT_TRUE(procs) << procs.error().message;
  EXPECT_EQ(*procs, std::vector<std::string>{(unified / "lab/i-1/cgroup.procs").string()});
  EXPECT_EQ(test::read_file(unified / "lab/i-1/memory.max"), "536870912");
  EXPECT_EQ(test::read_file(unified / "lab/i-1/memory.swap.max"), "0");
  EXPECT_EQ(test::read_file(unified / "lab/i-1/cpu.max"), "50000 100000");
  EXPECT_EQ(test::read_file(unified / "lab/i-1/pids.max"), "4096");
  EXPECT_EQ((*tree)->description(), "cgroup v2 (cpu, memory, pids)");
}

TEST_F(CgroupTreeTest, V1SetsEachHierarchysFilesAndReturnsEveryProcsFile) {
  const auto memory = dir("memory/own");
  const auto cpu = dir("cpu");
  auto tree = CgroupTree::open({CgroupVersion::V1, {{memory, {"memory"}}, {cpu, {"cpu"}}}},
                               "faultbox_0123456789ab");
  ASSERT_TRUE(tree) << tree.error().message;
  auto procs = (*tree)->prepare("i-2", {2.0, 1024 * kMiB, 0});
  ASSERT_TRUE(procs) << procs.error().message;
  EXPECT_EQ(*procs,
            (std::vector<std::string>{(memory / "faultbox_0123456789ab/i-2/cgroup.procs").string(),
                                      (cpu / "faultbox_0123456789ab/i-2/cgroup.procs").string()}));
  EXPECT_EQ(test::read_file(memory / "faultbox_0123456789ab/i-2/memory.limit_in_bytes"),
            "1073741824");
  // Swap is bounded only where the kernel accounts it (the file exists).
  EXPECT_FALSE(fs::exists(memory / "faultbox_0123456789ab/i-2/memory.memsw.limit_in_bytes"));
  EXPECT_EQ(test::read_file(cpu / "faultbox_0123456789ab/i-2/cpu.cfs_period_us"), "100000");
  EXPECT_EQ(test::read_file(cpu / "faultbox_0123456789ab/i-2/cpu.cfs_quota_us"), "200000");
  EXPECT_FALSE(fs::exists(cpu / "faultbox_0123456789ab/i-2/pids.max"));
  EXPECT_EQ((*tree)->description(), "cgroup v1 (memory, cpu)");
}

TEST_F(CgroupTreeTest, OpeningRemovesEmptyCgroupsAKilledRunLeftAndKeepsBusyOnes) {
  const auto memory = dir("memory");
  fs::create_directories(memory / "lab/i-left-empty");
  fs::create_directories(memory / "lab/i-busy");
  std::ofstream(memory / "lab/i-busy/cgroup.procs") << "123";  // rmdir fails, as on cgroupfs
  auto tree = CgroupTree::open({CgroupVersion::V1, {{memory, {"memory"}}}}, "lab");
  ASSERT_TRUE(tree) << tree.error().message;
  EXPECT_FALSE(fs::exists(memory / "lab/i-left-empty"));
  EXPECT_TRUE(fs::exists(memory / "lab/i-busy"));
}

TEST_F(CgroupTreeTest, RefusedDirectoryIsAnErrorNamingIt) {
  auto tree =
      CgroupTree::open({CgroupVersion::V1, {{root_.path() / "missing/memory", {"memory"}}}}, "lab");
  ASSERT_FALSE(tree);
  EXPECT_NE(tree.error().message.find("cannot create the cgroup"), std::string::npos);
  EXPECT_NE(tree.error().message.find("missing/memory/lab"), std::string::npos);
}

TEST_F(CgroupTreeTest, ClearRemovesTheLabsCgroups) {
  const auto cpu = dir("cpu");
  auto tree = CgroupTree::open({CgroupVersion::V1, {{cpu, {"cpu"}}}}, "lab");
  ASSERT_TRUE(tree);
  fs::create_directories(cpu / "lab/i-3");  // a member with no control files: removable
  (*tree)->release("i-3");
  EXPECT_FALSE(fs::exists(cpu / "lab/i-3"));
  (*tree)->clear();
  EXPECT_FALSE(fs::exists(cpu / "lab"));
}

}  // namespace
}  // namespace faultbox::limits
