// Real processes: every test bounds its waits and the supervisor kills what is left on exit.
#include "compute/process_supervisor.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "compute/instance_manager.h"
#include "core/thread_priority.h"
#include "support/temp_dir.h"

namespace faultbox::compute {
namespace {

using namespace std::chrono_literals;

std::optional<ProcessExit> wait_exit(PosixSupervisor& s, int pid,
                                     std::chrono::milliseconds limit = 5s) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    for (const auto& e : s.reap()) {
      if (e.pid == pid) {
        return e;
      }
    }
    std::this_thread::sleep_for(10ms);
  }
  return std::nullopt;
}

TEST(PosixSupervisor, SpawnsSleepAndStopsItWithSigterm) {
  PosixSupervisor s;
  auto pid = s.spawn({.argv = {"/bin/sh", "-c", "sleep 30"}});
  ASSERT_TRUE(pid) << pid.error().to_string();
  EXPECT_EQ(::getpgid(*pid), *pid) << "leads its own process group";
  EXPECT_TRUE(process_group_alive(*pid));
  EXPECT_FALSE(wait_exit(s, *pid, 100ms));
  s.signal(*pid, SIGTERM);
  auto exit = wait_exit(s, *pid);
  ASSERT_TRUE(exit) << "not gone within 5 s";
  EXPECT_EQ(exit->term_signal, SIGTERM);
  EXPECT_FALSE(process_group_alive(*pid));
}

TEST(PosixSupervisor, AppendsStdoutAndStderrToTheLogWithOnlyTheGivenEnv) {
  test::TempDir dir;
  const auto log = dir.path() / "console.log";
  { std::ofstream(log) << "before\n"; }
  PosixSupervisor s;
  auto pid = s.spawn({.argv = {"sh", "-c", "echo \"out $FOO-$HOME\"; echo err >&2; pwd; exit 3"},
                      .env = {{"FOO", "bar"}, {"PATH", "/usr/bin:/bin"}},
                      .working_dir = dir.path().string(),
                      .log_path = log.string()});
  ASSERT_TRUE(pid) << pid.error().to_string();
  auto exit = wait_exit(s, *pid);
  ASSERT_TRUE(exit);
  EXPECT_EQ(exit->exit_code, 3);
  EXPECT_EQ(test::read_file(log), "before\nout bar-\nerr\n" + dir.path().string() + "\n");
}

TEST(PosixSupervisor, MissingProgramIsAnErrorNotAnExit) {
  PosixSupervisor s;
  auto pid = s.spawn({.argv = {"/nonexistent/faultbox-nothing"}});
  ASSERT_FALSE(pid);
  EXPECT_EQ(pid.error().code, "InternalFailure");
  EXPECT_NE(pid.error().message.find("No such file"), std::string::npos) << pid.error().message;
  EXPECT_TRUE(s.reap().empty());
}

TEST(PosixSupervisor, GroupOutlivesItsLeaderUntilSignalled) {
  PosixSupervisor s;
  auto pid = s.spawn({.argv = {"/bin/sh", "-c", "sleep 30 & exit 4"}});
  ASSERT_TRUE(pid);
  EXPECT_FALSE(wait_exit(s, *pid, 300ms)) << "the background sleep keeps the group alive";
  s.signal(*pid, SIGKILL);
  auto exit = wait_exit(s, *pid);
  ASSERT_TRUE(exit);
  EXPECT_EQ(exit->exit_code, 4);
}

TEST(PosixSupervisor, ChildGetsDefaultSignalsAndNoDescriptorOfTheLab) {
  // The lab ignores SIGPIPE and holds sockets and files without close-on-exec here and there.
  auto* before = ::signal(SIGUSR1, SIG_IGN);
  int leaked[2];
  ASSERT_EQ(::pipe(leaked), 0);
  test::TempDir dir;
  const auto log = dir.path() / "out.log";
  PosixSupervisor s;
  auto pid = s.spawn({.argv = {"/bin/sh", "-c",
                               "test -e /proc/$$/fd/" + std::to_string(leaked[1]) +
                                   " && echo leaked || echo closed; kill -USR1 $$; echo survived"},
                      .log_path = log.string()});
  ::signal(SIGUSR1, before);
  ::close(leaked[0]);
  ::close(leaked[1]);
  ASSERT_TRUE(pid) << pid.error().to_string();
  auto exit = wait_exit(s, *pid);
  ASSERT_TRUE(exit);
  EXPECT_EQ(exit->term_signal, SIGUSR1) << "an ignored signal stays ignored in the child";
  EXPECT_EQ(test::read_file(log), "closed\n");
}

// The nice value field of /proc/<pid>/stat (the 19th).
int nice_of(int pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(stat, line);
  std::istringstream rest(line.substr(line.rfind(')') + 2));
  std::string field;
  for (int i = 3; i <= 19; ++i) {
    rest >> field;
  }
  return std::stoi(field);
}

TEST(PosixSupervisor, ChildrenStartAtTheirNiceWhateverTheSpawningThreadRunsAt) {
  // In a thread of its own: a nice value belongs to a thread, and a raised one cannot be lowered
  // again without privilege.
  std::thread([] {
    const int base = thread_nice();
    PosixSupervisor s;
    s.start_children_at_nice(base + 3);
    auto pid = s.spawn({.argv = {"/bin/sh", "-c", "sleep 30"}});
    ASSERT_TRUE(pid) << pid.error().to_string();
    EXPECT_EQ(nice_of(*pid), base + 3);
    if (::geteuid() == 0) {  // taking the nice back down needs root or CAP_SYS_NICE
      EXPECT_EQ(thread_nice(), base) << "the spawning thread is back at its own nice";
    }
    s.signal(*pid, SIGKILL);
    EXPECT_TRUE(wait_exit(s, *pid));
  }).join();
}

TEST(PosixSupervisor, InstanceManagerStopsARealUserDataProcess) {
  test::TempDir dir;
  ManualClock clock;
  PosixSupervisor s;
  InstanceManagerConfig config;
  config.image = {dir.path(), "/nonexistent/faultbox", "http://127.0.0.1:4566/_imds/"};
  InstanceManager manager(clock, s, config);
  auto launched = manager.run_instance(
      {.availability_zone = "eu-west-2a", .user_data = "echo booted $INSTANCE_ID; sleep 30"});
  ASSERT_TRUE(launched);
  const Instance& i = **launched;
  manager.tick(clock.now());
  ASSERT_EQ(i.state, InstanceState::Running);
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (test::read_file(manager.console_log(i.id)).find("booted " + i.id) == std::string::npos &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_TRUE(process_group_alive(i.pid));
  ASSERT_TRUE(manager.stop(i.id));
  while (i.state != InstanceState::Stopped && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(10ms);
    manager.tick(clock.now());
  }
  EXPECT_EQ(i.state, InstanceState::Stopped);
  EXPECT_NE(test::read_file(manager.console_log(i.id)).find("booted " + i.id), std::string::npos);
}

}  // namespace
}  // namespace faultbox::compute
