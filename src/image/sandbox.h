// The instance's private filesystem view, made with Debian's bubblewrap: the machine's files
// read-only, and its own /etc, /var, /run, /tmp and /usr/local/bin (so /var/www/html is its own);
// the image's tools (yum, dnf, apt-get, systemctl, service) first on PATH in /usr/local/sbin.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"

namespace faultbox::image {

struct SandboxSpec {
  std::string bwrap;                   // path of the bwrap program
  std::filesystem::path instance_dir;  // stays visible (and writable) at its own path
  std::filesystem::path tools_dir;     // from prepare_tools
  std::string faultbox_binary;
  std::string preload_library;  // "" when there is none
  std::string hostname;
};

// Where the instance's root directories are: <instance_dir>/rootfs (its own disk is mounted there
// where the lab has disks, limits/instance_disks.h).
std::filesystem::path rootfs_dir(const std::filesystem::path& instance_dir);

// The instance's root directories (<instance_dir>/rootfs/{etc,var,usr-local-bin}). The first call
// copies the machine's /etc (files it cannot read are skipped) and marks it as the image's
// (os-release, system-release, hostname); later calls keep what the instance changed.
Result<void> prepare_rootfs(const std::filesystem::path& instance_dir, const std::string& hostname);

// Writes the image's tool wrappers into `dir` (each runs `<faultbox> image-tool <name>`).
Result<void> prepare_tools(const std::filesystem::path& dir, const std::string& faultbox_binary);

// bwrap's arguments that show the machine's programs and libraries (/usr, /sys, and /bin, /lib
// and the like as they are), read-only, and nothing else of its files.
std::vector<std::string> machine_system_view();

// A copy of the machine's /etc with what any user may read (no shadow, no host keys), made once
// at `to`, for sandboxes that need the machine's settings (certificates, locales, passwd).
Result<void> prepare_readable_etc(const std::filesystem::path& to);

// bwrap's arguments followed by `command`.
std::vector<std::string> sandbox_command(const SandboxSpec& spec,
                                         const std::vector<std::string>& command);

// The search path inside the image, ahead of the machine's own.
std::string image_path(const std::string& host_path);

// The tools the image provides, by the name they are called with.
const std::vector<std::string>& image_tool_names();

}  // namespace faultbox::image
