// The view a Lambda function's code runs in: as in Lambda, its own /tmp and the runtime's files,
// and nothing of the machine it runs on but its programs and libraries (read-only) and a copy of
// its /etc that any user could read; no capabilities, its own PID namespace. Without it, a
// function's code would run as the lab's user (root) with the whole machine in reach.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace faultbox::cloud {

struct LambdaSandbox {
  std::string bwrap;                     // path of the bwrap program
  std::filesystem::path etc;             // image::prepare_readable_etc's copy
  std::filesystem::path invocation_dir;  // the only place it may write: event, result, log
  std::filesystem::path code_zip;        // the function's code, read-only
  std::filesystem::path bootstrap;       // the runtime's bootstrap, read-only
};

// bwrap's arguments followed by `command`.
std::vector<std::string> lambda_sandbox_command(const LambdaSandbox& sandbox,
                                                const std::vector<std::string>& command);

// The exit a sandboxed process reports: bwrap exits with 128 + N when its child died of
// signal N.
struct SandboxedExit {
  std::optional<int> exit_code;
  std::optional<int> term_signal;
};
SandboxedExit sandboxed_exit(std::optional<int> exit_code, std::optional<int> term_signal);

}  // namespace faultbox::cloud
