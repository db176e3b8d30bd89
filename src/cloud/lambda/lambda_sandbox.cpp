#include "cloud/lambda/lambda_sandbox.h"

#include "image/sandbox.h"

namespace faultbox::cloud {

std::vector<std::string> lambda_sandbox_command(const LambdaSandbox& sandbox,
                                                const std::vector<std::string>& command) {
  std::vector<std::string> argv{sandbox.bwrap,   "--die-with-parent", "--unshare-pid",
                                "--unshare-ipc", "--unshare-uts",     "--hostname",
                                "localhost"};
  const auto view = image::machine_system_view();
  argv.insert(argv.end(), view.begin(), view.end());
  const auto dir = sandbox.invocation_dir.string();
  // clang-format off
  argv.insert(argv.end(), {
      "--dev", "/dev",
      "--proc", "/proc",
      "--tmpfs", "/tmp",
      "--ro-bind", sandbox.etc.string(), "/etc",
      "--bind", dir, dir,
      "--ro-bind", sandbox.code_zip.string(), sandbox.code_zip.string(),
      "--ro-bind", sandbox.bootstrap.string(), sandbox.bootstrap.string(),
      "--cap-drop", "ALL",
      "--new-session",
      "--chdir", dir,
      "--"});
  // clang-format on
  argv.insert(argv.end(), command.begin(), command.end());
  return argv;
}

SandboxedExit sandboxed_exit(std::optional<int> exit_code, std::optional<int> term_signal) {
  if (exit_code && *exit_code > 128 && *exit_code < 128 + 65) {
    return {std::nullopt, *exit_code - 128};
  }
  return {exit_code, term_signal};
}

}  // namespace faultbox::cloud
