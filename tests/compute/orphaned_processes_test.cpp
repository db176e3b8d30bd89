#include "compute/orphaned_processes.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "core/absolute_path.h"
#include "support/temp_dir.h"

namespace faultbox::compute {
namespace {

void write_environ(const std::filesystem::path& proc, const std::string& pid,
                   const std::string& environ) {
  std::filesystem::create_directories(proc / pid);
  std::ofstream(proc / pid / "environ", std::ios::binary) << environ;
}

TEST(OrphanedProcesses, FindsTheProcessesThatNameTheLab) {
  test::TempDir proc;
  using namespace std::string_literals;
  write_environ(proc.path(), "101", "PATH=/bin\0FAULTBOX_LAB_DATA_DIR=/labs/a\0HOME=/x\0"s);
  write_environ(proc.path(), "102", "FAULTBOX_LAB_DATA_DIR=/labs/a/b\0"s);  // another lab
  write_environ(proc.path(), "103", "FAULTBOX_LAB_DATA_DIR=/labs/ab\0"s);   // another lab
  write_environ(proc.path(), "104", "X=FAULTBOX_LAB_DATA_DIR=/labs/a\0"s);  // not the variable
  write_environ(proc.path(), "105", "FAULTBOX_LAB_DATA_DIR=/labs/a"s);      // last, no NUL
  write_environ(proc.path(), "self", "FAULTBOX_LAB_DATA_DIR=/labs/a\0"s);   // not a process
  auto found = processes_of_lab("/labs/a/", proc.path());
  std::sort(found.begin(), found.end());
  EXPECT_EQ(found, (std::vector<int>{101, 105}));
}

TEST(OrphanedProcesses, StopsAnInstanceProcessALabLeftBehind) {
  test::TempDir lab;
  pid_t child = ::fork();
  if (child == 0) {
    ::setpgid(0, 0);  // an instance leads a process group of its own
    std::string mark = std::string(kLabDataDirVariable) + "=" + absolute_path(lab.path());
    char* const argv[] = {const_cast<char*>("sleep"), const_cast<char*>("30"), nullptr};
    char* const envp[] = {mark.data(), nullptr};
    ::execve("/bin/sleep", argv, envp);
    ::_exit(127);
  }
  // Until the exec has happened the child's environment is the test's.
  for (int i = 0; i < 200 && processes_of_lab(lab.path()).empty(); ++i) {
    ::usleep(10'000);
  }
  EXPECT_EQ(processes_of_lab(lab.path()), std::vector<int>{child});
  EXPECT_EQ(stop_processes_of_lab(lab.path()), 1);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  EXPECT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(WTERMSIG(status), SIGKILL);
  EXPECT_TRUE(processes_of_lab(lab.path()).empty());
}

}  // namespace
}  // namespace faultbox::compute
