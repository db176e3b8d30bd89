#include "image/sandbox_probe.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <vector>

extern char** environ;

namespace faultbox::image {

namespace {

struct Outcome {
  int status = -1;
  std::string stderr_text;
};

Outcome run_capturing_stderr(std::vector<std::string> argv) {
  int err_pipe[2];
  if (pipe2(err_pipe, O_CLOEXEC) != 0) return {-1, "cannot create a pipe"};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(err_pipe[1]);
  Outcome outcome;
  if (spawned != 0) {
    close(err_pipe[0]);
    outcome.stderr_text = "cannot start " + argv[0];
    return outcome;
  }
  char buffer[4096];
  for (ssize_t n; (n = read(err_pipe[0], buffer, sizeof buffer)) > 0;) {
    if (outcome.stderr_text.size() < 4096) outcome.stderr_text.append(buffer, size_t(n));
  }
  close(err_pipe[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  outcome.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  while (!outcome.stderr_text.empty() && outcome.stderr_text.back() == '\n') {
    outcome.stderr_text.pop_back();
  }
  return outcome;
}

}  // namespace

std::string sandbox_problem(const std::string& bwrap) {
  // The namespaces and mounts sandbox_command asks for, around a command that does nothing.
  auto outcome = run_capturing_stderr({bwrap, "--unshare-pid", "--unshare-ipc", "--unshare-uts",
                                       "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
                                       "--tmpfs", "/tmp", "--", "/bin/true"});
  if (outcome.status == 0) return {};
  std::string problem = "bubblewrap (" + bwrap + ") cannot make an instance's view here: " +
                        (outcome.stderr_text.empty() ? "it exited " + std::to_string(outcome.status)
                                                     : outcome.stderr_text);
  if (outcome.stderr_text.find("Failed to make / slave") != std::string::npos) {
    problem +=
        ". `/` is not a mount point here (a chroot?): bind-mount the root directory onto itself "
        "before entering it (mount --bind DIR DIR; scripts/fresh-debian.sh does)";
  } else {
    problem += ". Instances with user data need user and mount namespaces (run the lab as root, "
               "or allow unprivileged user namespaces)";
  }
  return problem;
}

}  // namespace faultbox::image
