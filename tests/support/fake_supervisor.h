// A ProcessSupervisor for tests: no processes, just records, and exits on demand.
#pragma once

#include <signal.h>

#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "compute/process_supervisor.h"

namespace faultbox::testing {

class FakeSupervisor final : public compute::ProcessSupervisor {
 public:
  Result<int> spawn(const compute::ProcessSpec& spec) override {
    if (fail_spawns) {
      return errors::internal("cannot start " + spec.argv.front() + ": No such file or directory");
    }
    const int pid = next_pid_++;
    specs.push_back(spec);
    alive.insert(pid);
    return pid;
  }

  // A live process obeys SIGKILL always, SIGTERM unless ignore_sigterm is set.
  void signal(int pid, int sig) override {
    signals.emplace_back(pid, sig);
    if (alive.count(pid) != 0 && (sig == SIGKILL || (sig == SIGTERM && !ignore_sigterm))) {
      exit_for_test(pid, std::nullopt, sig);
    }
  }

  std::vector<compute::ProcessExit> reap() override { return std::exchange(pending_exits_, {}); }

  // The process ends; reap() reports it once.
  void exit_for_test(int pid, std::optional<int> code, std::optional<int> sig = std::nullopt) {
    if (alive.erase(pid) != 0) {
      pending_exits_.push_back({pid, code, sig});
    }
  }

  bool signalled(int pid, int sig) const {
    for (const auto& s : signals) {
      if (s.first == pid && s.second == sig) {
        return true;
      }
    }
    return false;
  }

  std::vector<compute::ProcessSpec> specs;
  std::vector<std::pair<int, int>> signals;
  std::set<int> alive;
  bool fail_spawns = false;
  bool ignore_sigterm = false;

 private:
  int next_pid_ = 1000;
  std::vector<compute::ProcessExit> pending_exits_;
};

}  // namespace faultbox::testing
