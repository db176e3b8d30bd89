#include "core/run_program.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>

#include "core/error.h"

extern char** environ;

namespace faultbox {

namespace {

constexpr std::size_t kStderrLimit = 4096;

// Writes all of `text` to `fd`; a reader that ended early (EPIPE) just gets less.
void write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    text.remove_prefix(static_cast<std::size_t>(n));
  }
}

}  // namespace

ProgramOutcome run_program(const std::vector<std::string>& argv, std::string_view stdin_text) {
  ProgramOutcome outcome;
  int err_pipe[2];
  int in_pipe[2];
  if (pipe2(err_pipe, O_CLOEXEC) != 0) return {-1, "cannot create a pipe"};
  if (pipe2(in_pipe, O_CLOEXEC) != 0) {
    close(err_pipe[0]);
    close(err_pipe[1]);
    return {-1, "cannot create a pipe"};
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  std::vector<std::string> copies = argv;
  std::vector<char*> args;
  for (auto& a : copies) args.push_back(a.data());
  args.push_back(nullptr);
  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(err_pipe[1]);
  close(in_pipe[0]);
  if (spawned != 0) {
    close(err_pipe[0]);
    close(in_pipe[1]);
    outcome.stderr_text = "cannot start " + argv[0];
    return outcome;
  }
  // A program that exits without reading its input must not kill the lab with SIGPIPE.
  sigset_t pipe_signal, previous;
  sigemptyset(&pipe_signal);
  sigaddset(&pipe_signal, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_signal, &previous);
  write_all(in_pipe[1], stdin_text);
  close(in_pipe[1]);
  timespec no_wait{0, 0};
  while (sigtimedwait(&pipe_signal, nullptr, &no_wait) > 0) {
  }
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  char buffer[4096];
  for (ssize_t n; (n = read(err_pipe[0], buffer, sizeof buffer)) != 0;) {
    if (n < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (outcome.stderr_text.size() < kStderrLimit) outcome.stderr_text.append(buffer, size_t(n));
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

Result<void> run_program_checked(const std::vector<std::string>& argv, const std::string& what,
                                 std::string_view stdin_text) {
  const auto outcome = run_program(argv, stdin_text);
  if (outcome.status != 0) {
    return errors::internal(what + ": " +
                            (outcome.stderr_text.empty()
                                 ? argv.front() + " exited " + std::to_string(outcome.status)
                                 : outcome.stderr_text));
  }
  return {};
}

}  // namespace faultbox
