// PosixSupervisor: fork/execve into a new process group, with an exec-error pipe so a bad
// program path is reported by spawn() instead of showing up later as a mysterious exit.
#include "compute/process_supervisor.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace faultbox::compute {

namespace {

constexpr const char* kDefaultPath = "/usr/local/bin:/usr/bin:/bin";

Error spawn_error(const std::string& what, int err) {
  return errors::internal(what + ": " + std::strerror(err));
}

// Resolves argv[0] before fork, since the child may only call async-signal-safe functions.
std::string resolve_program(const ProcessSpec& spec) {
  const std::string& name = spec.argv.front();
  if (name.find('/') != std::string::npos) {
    return name;
  }
  auto it = spec.env.find("PATH");
  std::stringstream dirs(it != spec.env.end() ? it->second : kDefaultPath);
  for (std::string dir; std::getline(dirs, dir, ':');) {
    std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
  }
  return name;
}

struct ChildPlan {
  std::string program;
  std::vector<char*> argv;
  std::vector<std::string> env_strings;
  std::vector<char*> envp;
  const char* working_dir = nullptr;
  int log_fd = -1;
  int null_fd = -1;
  int error_fd = -1;
};

[[noreturn]] void run_child(const ChildPlan& plan) {
  ::setpgid(0, 0);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  // Ignored dispositions survive execve (the lab ignores SIGPIPE); give the child defaults.
  for (int sig = 1; sig < NSIG; ++sig) {
    ::signal(sig, SIG_DFL);
  }
  ::dup2(plan.null_fd, STDIN_FILENO);
  ::dup2(plan.log_fd, STDOUT_FILENO);
  ::dup2(plan.log_fd, STDERR_FILENO);
  int err = 0;
  if (plan.working_dir != nullptr && ::chdir(plan.working_dir) != 0) {
    err = errno;
  } else {
    ::close_range(3, static_cast<unsigned>(plan.error_fd) - 1, 0);
    ::close_range(static_cast<unsigned>(plan.error_fd) + 1, ~0U, 0);
    ::execve(plan.program.c_str(), plan.argv.data(), plan.envp.data());
    err = errno;
  }
  [[maybe_unused]] auto n = ::write(plan.error_fd, &err, sizeof err);
  ::_exit(127);
}

Result<int> open_log(const std::string& path) {
  const char* target = path.empty() ? "/dev/null" : path.c_str();
  int fd = ::open(target, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) {
    return spawn_error("cannot open log file " + std::string(target), errno);
  }
  return fd;
}

void close_all(std::initializer_list<int> fds) {
  for (int fd : fds) {
    if (fd >= 0) {
      ::close(fd);
    }
  }
}

// Waits for the exec-error pipe: EOF means execve succeeded (the write end was close-on-exec).
Result<int> await_exec(int pid, int read_fd, const std::string& program) {
  int err = 0;
  ssize_t n = 0;
  do {
    n = ::read(read_fd, &err, sizeof err);
  } while (n < 0 && errno == EINTR);
  ::close(read_fd);
  if (n == static_cast<ssize_t>(sizeof err)) {
    ::waitpid(pid, nullptr, 0);
    return spawn_error("cannot start " + program, err);
  }
  return pid;
}

}  // namespace

Result<int> PosixSupervisor::spawn(const ProcessSpec& spec) {
  if (spec.argv.empty()) {
    return errors::validation("a process needs a program: argv is empty");
  }
  ChildPlan plan;
  plan.program = resolve_program(spec);
  for (const auto& arg : spec.argv) {
    plan.argv.push_back(const_cast<char*>(arg.c_str()));
  }
  plan.argv.push_back(nullptr);
  for (const auto& [key, value] : spec.env) {
    plan.env_strings.push_back(key + "=" + value);
  }
  for (auto& s : plan.env_strings) {
    plan.envp.push_back(s.data());
  }
  plan.envp.push_back(nullptr);
  plan.working_dir = spec.working_dir.empty() ? nullptr : spec.working_dir.c_str();

  FAULTBOX_TRY(log_fd, open_log(spec.log_path));
  plan.log_fd = log_fd;
  plan.null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  int pipe_fds[2];
  if (plan.null_fd < 0 || ::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    int err = errno;
    close_all({plan.log_fd, plan.null_fd});
    return spawn_error("cannot prepare process", err);
  }
  plan.error_fd = pipe_fds[1];
  const int pid = ::fork();
  if (pid == 0) {
    run_child(plan);
  }
  int fork_errno = errno;
  close_all({plan.log_fd, plan.null_fd, pipe_fds[1]});
  if (pid < 0) {
    ::close(pipe_fds[0]);
    return spawn_error("fork failed", fork_errno);
  }
  ::setpgid(pid, pid);  // also in the parent, so signal() right after spawn() hits the group
  FAULTBOX_TRY(started, await_exec(pid, pipe_fds[0], plan.program));
  running_.insert(started);
  return started;
}

void PosixSupervisor::signal(int pid, int sig) {
  if (pid > 0 && (running_.count(pid) != 0 || lingering_.count(pid) != 0)) {
    ::kill(-pid, sig);
  }
}

std::vector<ProcessExit> PosixSupervisor::reap() {
  for (auto it = running_.begin(); it != running_.end();) {
    int status = 0;
    const int r = ::waitpid(*it, &status, WNOHANG);
    if (r == 0 || (r < 0 && errno == EINTR)) {
      ++it;
      continue;
    }
    ProcessExit exit{.pid = *it};
    if (r > 0 && WIFEXITED(status)) {
      exit.exit_code = WEXITSTATUS(status);
    } else if (r > 0 && WIFSIGNALED(status)) {
      exit.term_signal = WTERMSIG(status);
    }
    lingering_.emplace(*it, exit);
    it = running_.erase(it);
  }
  std::vector<ProcessExit> done;
  for (auto it = lingering_.begin(); it != lingering_.end();) {
    if (process_group_alive(it->first)) {
      ++it;
      continue;
    }
    done.push_back(it->second);
    adopted_.erase(it->first);
    it = lingering_.erase(it);
  }
  return done;
}

bool PosixSupervisor::adopt(int pid) {
  // Not a child: waitpid cannot see it, so it is watched as a group whose leader is reaped
  // already (by PID 1, which inherited it) until no member is left.
  if (pid <= 0 || ::getpgid(pid) != pid || !process_group_alive(pid)) {
    return false;
  }
  lingering_.emplace(pid, ProcessExit{.pid = pid});
  adopted_.insert(pid);
  return true;
}

PosixSupervisor::~PosixSupervisor() {
  for (int pid : running_) {
    ::kill(-pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }
  // An adopted group is left as it was found (a lab that failed to start after adopting it): the
  // next lab adopts it again. A lab that shuts down stops its instances before this.
  for (const auto& entry : lingering_) {
    if (!adopted_.contains(entry.first)) {
      ::kill(-entry.first, SIGKILL);
    }
  }
}

bool process_running(int pid) {
  if (pid <= 0 || (::kill(pid, 0) != 0 && errno != EPERM)) {
    return false;
  }
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) {
    return true;  // no /proc to ask: kill() said it exists
  }
  auto paren = line.rfind(") ");
  return paren == std::string::npos || paren + 2 >= line.size() || line[paren + 2] != 'Z';
}

bool process_group_alive(int pgid) {
  if (::kill(-pgid, 0) != 0 && errno == ESRCH) {
    return false;
  }
  // Orphaned zombies still count for kill(); only a live member keeps the group (the instance)
  // alive, whatever init does about reaping.
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
    std::ifstream stat(entry.path() / "stat");
    std::string line;
    if (!stat || !std::getline(stat, line)) {
      continue;
    }
    auto paren = line.rfind(')');
    if (paren == std::string::npos) {
      continue;
    }
    std::istringstream rest(line.substr(paren + 1));
    char state = 0;
    int ppid = 0;
    int pgrp = 0;
    if (rest >> state >> ppid >> pgrp && pgrp == pgid && state != 'Z' && state != 'X') {
      return true;
    }
  }
  return false;
}

}  // namespace faultbox::compute
