#include "compute/orphaned_processes.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <map>

#include "compute/process_supervisor.h"
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

TEST(OrphanedProcesses, TheInstanceProcessOfARunningInstanceIsAdoptedNotStopped) {
  test::TempDir lab;
  pid_t child = ::fork();
  if (child == 0) {
    ::setpgid(0, 0);
    std::string mark = std::string(kLabDataDirVariable) + "=" + absolute_path(lab.path());
    std::string id = "INSTANCE_ID=i-0123456789abcdef0";
    std::string imds =
        "AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:4000/_imds/i-0123456789abcdef0";
    char* const argv[] = {const_cast<char*>("sleep"), const_cast<char*>("30"), nullptr};
    char* const envp[] = {mark.data(), id.data(), imds.data(), nullptr};
    ::execve("/bin/sleep", argv, envp);
    ::_exit(127);
  }
  for (int i = 0; i < 200 && processes_of_lab(lab.path()).empty(); ++i) {
    ::usleep(10'000);
  }
  using Leaders = std::map<std::string, int>;
  EXPECT_EQ(instance_leaders_of_lab(lab.path(), "http://127.0.0.1:4000/_imds/"),
            (Leaders{{"i-0123456789abcdef0", child}}));
  // A lab on another port: its instances could not reach it, so none is offered.
  EXPECT_TRUE(instance_leaders_of_lab(lab.path(), "http://127.0.0.1:4001/_imds/").empty());

  PosixSupervisor supervisor;
  ASSERT_TRUE(supervisor.adopt(child));
  EXPECT_EQ(stop_processes_of_lab(lab.path(), {"i-0123456789abcdef0"}), 0)
      << "an adopted instance's processes are kept";
  EXPECT_TRUE(process_group_alive(child));
  supervisor.signal(child, SIGTERM);  // adopted: signalled like the supervisor's own
  bool reported = false;
  for (int i = 0; i < 500 && !reported; ++i) {
    for (const auto& exit : supervisor.reap()) {
      reported = reported || exit.pid == child;
    }
    ::usleep(10'000);
  }
  EXPECT_TRUE(reported) << "the adopted process's end was not reported";
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  EXPECT_EQ(WTERMSIG(status), SIGTERM);
}

}  // namespace
}  // namespace faultbox::compute
