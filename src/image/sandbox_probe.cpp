#include "image/sandbox_probe.h"

#include "core/run_program.h"

namespace faultbox::image {

std::string sandbox_problem(const std::string& bwrap) {
  // The namespaces and mounts sandbox_command asks for, around a command that does nothing.
  auto outcome =
      run_program({bwrap, "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--ro-bind", "/", "/",
                   "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp", "--", "/bin/true"});
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
