#include "limits/join_cgroups.h"

#include <gtest/gtest.h>

namespace faultbox::limits {
namespace {

TEST(JoinCgroups, CommandRunsTheProcessThroughJoinCgroupsWithOneProcsOptionPerFile) {
  EXPECT_EQ(join_cgroups_command("/bin/faultbox", {"/cg/m/cgroup.procs", "/cg/c/cgroup.procs"},
                                 {"bwrap", "--die-with-parent", "--", "init"}),
            (std::vector<std::string>{"/bin/faultbox", "join-cgroups", "--procs",
                                      "/cg/m/cgroup.procs", "--procs", "/cg/c/cgroup.procs",
                                      "bwrap", "--die-with-parent", "--", "init"}));
}

TEST(JoinCgroups, WithoutCgroupsTheCommandIsUnchanged) {
  EXPECT_EQ(join_cgroups_command("/bin/faultbox", {}, {"/bin/sh", "-c", "true"}),
            (std::vector<std::string>{"/bin/sh", "-c", "true"}));
}

TEST(JoinCgroups, ACgroupThatCannotBeJoinedIsNamedAndNothingRuns) {
  EXPECT_EQ(join_cgroups_and_exec({"/nonexistent/cgroup.procs"}, {"/bin/true"}),
            "cannot join the cgroup /nonexistent/cgroup.procs: No such file or directory");
  EXPECT_EQ(join_cgroups_and_exec({}, {}), "no command to run");
}

}  // namespace
}  // namespace faultbox::limits
