// Starts, signals and reaps instance processes. Always by PID / process group, never by name.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/result.h"

namespace faultbox::compute {

struct ProcessSpec {
  // argv[0] is the program: a path, or a name looked up in the PATH of `env`. No shell is
  // involved unless argv[0] is one (e.g. {"/bin/sh", "-c", script}).
  std::vector<std::string> argv;
  // The whole environment of the child; nothing is inherited from the lab.
  std::map<std::string, std::string> env;
  std::string working_dir;  // empty: the lab's own
  std::string log_path;     // stdout and stderr are appended here; empty: /dev/null
};

struct ProcessExit {
  int pid = 0;
  std::optional<int> exit_code;    // set when it exited
  std::optional<int> term_signal;  // set when a signal ended it
};

class ProcessSupervisor {
 public:
  virtual ~ProcessSupervisor() = default;
  // Starts the process as the leader of a new process group. Returns its pid, or an
  // InternalFailure naming the cause (program not found, log file not writable, ...).
  virtual Result<int> spawn(const ProcessSpec& spec) = 0;
  // Sends `sig` to the process group of a process this supervisor started and has not yet
  // reported as exited. Other pids are ignored, so a recycled pid is never hit.
  virtual void signal(int pid, int sig) = 0;
  // Never blocks. Reports each started process once, when its whole process group is gone
  // (the leader has exited and no live member remains), with the leader's exit status.
  virtual std::vector<ProcessExit> reap() = 0;
  // Takes over the process group led by `pid`, which an earlier lab started (it outlived that
  // lab's kill -9): signalled and reported like the supervisor's own, without an exit status.
  // False when this supervisor cannot (the default).
  virtual bool adopt(int /*pid*/) { return false; }
};

// The real supervisor: posix_spawn into a process group of its own, non-blocking waitpid.
class PosixSupervisor final : public ProcessSupervisor {
 public:
  PosixSupervisor() = default;
  PosixSupervisor(const PosixSupervisor&) = delete;
  PosixSupervisor& operator=(const PosixSupervisor&) = delete;
  // Kills (SIGKILL) and reaps every process group it still tracks.
  ~PosixSupervisor() override;

  Result<int> spawn(const ProcessSpec& spec) override;
  void signal(int pid, int sig) override;
  std::vector<ProcessExit> reap() override;
  bool adopt(int pid) override;

  // Processes spawned from now on start at this nice value, whatever the spawning thread's (the
  // lab runs ahead of its instances; they start where the lab itself was started).
  void start_children_at_nice(int nice) { child_nice_ = nice; }

 private:
  std::optional<int> child_nice_;
  std::set<int> running_;                 // leaders not yet reaped
  std::map<int, ProcessExit> lingering_;  // leader reaped, group members may remain
  std::set<int> adopted_;                 // groups an earlier lab started (see adopt)
};

// True while some non-zombie process belongs to process group `pgid`.
bool process_group_alive(int pgid);
// True while process `pid` exists and is not a zombie (a killed lab that its parent has not
// reaped yet holds nothing any more).
bool process_running(int pid);

}  // namespace faultbox::compute
