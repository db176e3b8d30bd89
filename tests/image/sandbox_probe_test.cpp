#include "image/sandbox_probe.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/temp_dir.h"

namespace faultbox::image {
namespace {

// A stand-in for bwrap: a script that exits as told and writes bwrap's own message.
std::string fake_bwrap(const test::TempDir& dir, const std::string& body) {
  const auto path = dir.path() / "bwrap";
  std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
  std::filesystem::permissions(path, std::filesystem::perms::owner_all);
  return path.string();
}

TEST(SandboxProbe, NoProblemWhenBwrapRunsTheCommand) {
  test::TempDir dir;
  EXPECT_EQ(sandbox_problem(fake_bwrap(dir, "exit 0")), "");
}

TEST(SandboxProbe, SlashNotAMountPointNamesTheFix) {
  test::TempDir dir;
  const auto problem = sandbox_problem(
      fake_bwrap(dir, "echo 'bwrap: Failed to make / slave: Invalid argument' >&2; exit 1"));
  EXPECT_NE(problem.find("bwrap: Failed to make / slave: Invalid argument"), std::string::npos);
  EXPECT_NE(problem.find("`/` is not a mount point"), std::string::npos);
  EXPECT_NE(problem.find("mount --bind DIR DIR"), std::string::npos);
}

TEST(SandboxProbe, OtherFailuresSayWhatInstancesNeed) {
  test::TempDir dir;
  const auto problem = sandbox_problem(
      fake_bwrap(dir, "echo 'bwrap: No permissions to creating new namespace' >&2; exit 1"));
  EXPECT_NE(problem.find("No permissions to creating new namespace"), std::string::npos);
  EXPECT_NE(problem.find("namespaces"), std::string::npos);
  EXPECT_EQ(problem.find("mount point"), std::string::npos);
}

TEST(SandboxProbe, AProgramThatCannotStartIsAProblem) {
  EXPECT_NE(sandbox_problem("/nonexistent/bwrap"), "");
}

}  // namespace
}  // namespace faultbox::image
