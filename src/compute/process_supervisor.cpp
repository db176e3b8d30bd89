// PosixSupervisor: posix_spawn into a new process group, so that a bad program path is reported
// by spawn() instead of showing up later as a mysterious exit.
#include "compute/process_supervisor.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/thread_priority.h"

namespace faultbox::compute {

namespace {

constexpr const char* kDefaultPath = "/usr/local/bin:/usr/bin:/bin";

Error spawn_error(const std::string& what, int err) {
  return errors::internal(what + ": " + std::strerror(err));
}

// Resolves argv[0] in the child's own PATH (posix_spawnp would search the lab's).
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

Result<int> open_log(const std::string& path) {
  const char* target = path.empty() ? "/dev/null" : path.c_str();
  int fd = ::open(target, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) {
    return spawn_error("cannot open log file " + std::string(target), errno);
  }
  return fd;
}

// How the child is set up between its creation and execve, as posix_spawn's attributes and file
// actions: its own process group, no blocked signals, every signal at its default (the lab
// ignores SIGPIPE, and ignored dispositions would survive execve), stdin from /dev/null, stdout
// and stderr to the log, no other descriptor of the lab's.
class SpawnSetup {
 public:
  SpawnSetup(int null_fd, int log_fd, const char* working_dir) {
    posix_spawnattr_init(&attr_);
    posix_spawn_file_actions_init(&actions_);
    sigset_t none;
    sigset_t all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setflags(&attr_, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                                         POSIX_SPAWN_SETSIGDEF);
    posix_spawnattr_setpgroup(&attr_, 0);
    posix_spawnattr_setsigmask(&attr_, &none);
    posix_spawnattr_setsigdefault(&attr_, &all);
    posix_spawn_file_actions_adddup2(&actions_, null_fd, STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions_, log_fd, STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions_, log_fd, STDERR_FILENO);
    if (working_dir != nullptr) {
      posix_spawn_file_actions_addchdir_np(&actions_, working_dir);
    }
    posix_spawn_file_actions_addclosefrom_np(&actions_, STDERR_FILENO + 1);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions_);
    posix_spawnattr_destroy(&attr_);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;

  const posix_spawnattr_t* attr() const { return &attr_; }
  const posix_spawn_file_actions_t* actions() const { return &actions_; }

 private:
  posix_spawnattr_t attr_;
  posix_spawn_file_actions_t actions_;
};

}  // namespace

Result<int> PosixSupervisor::spawn(const ProcessSpec& spec) {
  if (spec.argv.empty()) {
    return errors::validation("a process needs a program: argv is empty");
  }
  const std::string program = resolve_program(spec);
  std::vector<char*> argv;
  for (const auto& arg : spec.argv) {
    argv.push_back(const_cast<char*>(arg.c_str()));
  }
  argv.push_back(nullptr);
  std::vector<std::string> env_strings;
  for (const auto& [key, value] : spec.env) {
    env_strings.push_back(key + "=" + value);
  }
  std::vector<char*> envp;
  for (auto& s : env_strings) {
    envp.push_back(s.data());
  }
  envp.push_back(nullptr);

  FAULTBOX_TRY(log_fd, open_log(spec.log_path));
  const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (null_fd < 0) {
    int err = errno;
    ::close(log_fd);
    return spawn_error("cannot prepare process", err);
  }
  // posix_spawn, not fork: the child shares the lab's memory until its execve (the lab waits
  // that long), so no page table of a lab that holds hundreds of instances is copied and no
  // page of it is copied on write afterwards; and execve's failure comes back as its result.
  pid_t pid = 0;
  int rc = 0;
  {
    // The child inherits the spawning thread's nice value, so the thread takes the child's for
    // the moment of the spawn: the child runs its part before execve at that priority already.
    std::optional<ScopedThreadNice> at_child_nice;
    if (child_nice_) {
      at_child_nice.emplace(*child_nice_);
    }
    SpawnSetup setup(null_fd, log_fd,
                     spec.working_dir.empty() ? nullptr : spec.working_dir.c_str());
    rc = ::posix_spawn(&pid, program.c_str(), setup.actions(), setup.attr(), argv.data(),
                       envp.data());
  }
  ::close(log_fd);
  ::close(null_fd);
  if (rc != 0) {
    return spawn_error("cannot start " + program, rc);
  }
  running_.insert(pid);
  return pid;
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
