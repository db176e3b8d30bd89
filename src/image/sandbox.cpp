// Building the bubblewrap command line and the per-instance root directories.
#include "image/sandbox.h"

#include <fstream>

#include "image/units.h"

namespace faultbox::image {

namespace {

namespace fs = std::filesystem;

// What any user of the machine may read. The lab runs as root, but the image's /etc must not
// carry the machine's secrets (shadow, gshadow, SSH host keys, TLS private keys) into a place
// its instances' programs, root there, read.
bool readable_by_anyone(const fs::directory_entry& entry, bool directory) {
  std::error_code ec;
  const auto perms = entry.status(ec).permissions();
  const auto needed =
      directory ? fs::perms::others_read | fs::perms::others_exec : fs::perms::others_read;
  return !ec && (perms & needed) == needed;
}

// Copies what any user can read (symlinks as they are).
void copy_tree(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::create_directories(to, ec);
  auto it =
      fs::recursive_directory_iterator(from, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    // Lexically: fs::relative would follow a symlink (/etc/alternatives/awk -> /usr/bin/mawk)
    // and place its copy outside `to`.
    const auto target = to / it->path().lexically_relative(from);
    std::error_code each;
    if (it->is_symlink(each)) {
      fs::copy_symlink(it->path(), target, each);
    } else if (it->is_directory(each)) {
      if (!readable_by_anyone(*it, true)) {
        it.disable_recursion_pending();
        continue;
      }
      fs::create_directories(target, each);
    } else if (it->is_regular_file(each) && readable_by_anyone(*it, false)) {
      fs::copy_file(it->path(), target, fs::copy_options::overwrite_existing, each);
    }
  }
}

Result<void> write_text(const fs::path& path, const std::string& text) {
  std::error_code ec;
  fs::remove(path, ec);  // os-release is often a symlink into /usr
  std::ofstream out(path, std::ios::trunc);
  out << text;
  if (!out) {
    return errors::internal("cannot write " + path.string());
  }
  return {};
}

}  // namespace

// The machine's programs and libraries, read-only, and nothing else of its files: an EC2
// instance does not see its host's home directories (their cloud credentials and keys), the lab's
// data (its control token) or other instances' disks. Where /bin or /lib are symlinks into /usr
// (Debian's merged /usr) they are the same symlinks here.
std::vector<std::string> machine_system_view() {
  std::vector<std::string> argv{"--ro-bind", "/usr", "/usr", "--ro-bind", "/sys", "/sys"};
  for (const char* dir : {"/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"}) {
    std::error_code ec;
    if (fs::is_symlink(dir, ec)) {
      argv.insert(argv.end(), {"--symlink", fs::read_symlink(dir, ec).string(), dir});
    } else if (fs::is_directory(dir, ec)) {
      argv.insert(argv.end(), {"--ro-bind", dir, dir});
    }
  }
  return argv;
}

Result<void> prepare_readable_etc(const fs::path& to) {
  if (fs::exists(to)) return {};
  const auto partial = fs::path(to.string() + ".partial");
  copy_tree("/etc", partial);
  std::error_code ec;
  fs::rename(partial, to, ec);
  if (ec) {
    return errors::internal("cannot prepare a copy of /etc in " + to.string() + ": " +
                            ec.message());
  }
  return {};
}

fs::path rootfs_dir(const fs::path& instance_dir) { return instance_dir / "rootfs"; }

Result<void> prepare_rootfs(const fs::path& instance_dir, const std::string& hostname) {
  const auto root = rootfs_dir(instance_dir);
  std::error_code ec;
  if (!fs::exists(root / "etc")) {
    copy_tree("/etc", root / "etc.partial");
    // The machine's enabled services are not the image's: it starts with none but its own.
    fs::remove_all(root / "etc.partial/systemd/system", ec);
    fs::rename(root / "etc.partial", root / "etc", ec);
    if (ec) {
      return errors::internal("cannot prepare the image's /etc in " + root.string() + ": " +
                              ec.message());
    }
    FAULTBOX_TRY_VOID(write_text(root / "etc/os-release",
                                 "NAME=\"Amazon Linux\"\nVERSION=\"2023\"\nID=\"amzn\"\n"
                                 "ID_LIKE=\"fedora\"\nVERSION_ID=\"2023\"\n"
                                 "PLATFORM_ID=\"platform:al2023\"\n"
                                 "PRETTY_NAME=\"Amazon Linux 2023 (faultbox lab image)\"\n"
                                 "HOME_URL=\"https://aws.amazon.com/linux/amazon-linux-2023/\"\n"));
    FAULTBOX_TRY_VOID(write_text(root / "etc/system-release",
                                 "Amazon Linux release 2023 (faultbox lab image)\n"));
    FAULTBOX_TRY_VOID(write_text(root / "etc/hostname", hostname + "\n"));
    // Amazon Linux 2023 images come with the SSM agent enabled.
    FAULTBOX_TRY_VOID(enable_unit(kSsmAgentUnit, ImageContext{root, ""}));
  }
  for (const char* dir : {"var/www/html", "var/log", "var/tmp", "var/cache", "var/lib/cloud",
                          "usr-local-bin", "etc/systemd/system"}) {
    fs::create_directories(root / dir, ec);
    if (ec) {
      return errors::internal("cannot create " + (root / dir).string() + ": " + ec.message());
    }
  }
  fs::permissions(root / "var/tmp", fs::perms::all | fs::perms::sticky_bit, ec);
  if (!fs::is_symlink(root / "var/run", ec)) {
    fs::create_directory_symlink("/run", root / "var/run", ec);
  }
  return {};
}

const std::vector<std::string>& image_tool_names() {
  static const std::vector<std::string> names{"yum", "dnf",       "apt-get",
                                              "apt", "systemctl", "service"};
  return names;
}

Result<void> prepare_tools(const fs::path& dir, const std::string& faultbox_binary) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  for (const auto& name : image_tool_names()) {
    const auto path = dir / name;
    const std::string body = "#!/bin/sh\n# The faultbox image's " + name + "\nexec '" +
                             faultbox_binary + "' image-tool " + name + " \"$@\"\n";
    std::ifstream existing(path);
    std::string current((std::istreambuf_iterator<char>(existing)), {});
    if (current == body) continue;
    FAULTBOX_TRY_VOID(write_text(path, body));
    fs::permissions(path,
                    fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                        fs::perms::others_read | fs::perms::others_exec,
                    ec);
    if (ec) {
      return errors::internal("cannot make " + path.string() + " executable: " + ec.message());
    }
  }
  return {};
}

std::string image_path(const std::string& host_path) {
  const std::string own = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  return host_path.empty() ? own : own + ":" + host_path;
}

std::vector<std::string> sandbox_command(const SandboxSpec& spec,
                                         const std::vector<std::string>& command) {
  const auto root = rootfs_dir(spec.instance_dir).string();
  const auto machine_view = machine_system_view();
  // One flag and its operands per line. --die-with-parent: the sandbox's own session (from
  // --new-session) is out of reach of the signals to the instance's process group, so it must
  // end with bwrap; it then also ends with a lab that is killed, and the next lab boots the
  // instance again instead of adopting it (compute/orphaned_processes.h).
  // clang-format off
  std::vector<std::string> argv{spec.bwrap,
      "--die-with-parent", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
      "--hostname", spec.hostname,
      "--dev", "/dev",
      "--proc", "/proc",
      "--tmpfs", "/tmp",
      "--tmpfs", "/run",
      "--bind", root + "/etc", "/etc",
      "--bind", root + "/var", "/var",
      "--bind", root + "/usr-local-bin", "/usr/local/bin",
      "--ro-bind", spec.tools_dir.string(), "/usr/local/sbin"};
  // clang-format on
  argv.insert(argv.begin() + 1, machine_view.begin(), machine_view.end());
  // The lab's own files may live under /tmp or /var, which the view replaces: bind them back.
  for (const auto& path :
       {spec.instance_dir.string(), spec.faultbox_binary, spec.preload_library}) {
    if (path.empty()) continue;
    const bool writable = path == spec.instance_dir.string();
    argv.insert(argv.end(), {writable ? "--bind" : "--ro-bind", path, path});
  }
  // Root inside, but without root's powers: no remounting the machine's read-only view (and
  // through it writing the machine's files), no loading modules, no raw sockets. It keeps the
  // right to listen on ports below 1024, as an EC2 instance's root may. A session of its own,
  // so that it cannot push input into the lab's terminal.
  argv.insert(argv.end(), {"--cap-drop", "ALL", "--cap-add", "CAP_NET_BIND_SERVICE",
                           "--new-session", "--chdir", "/", "--"});
  argv.insert(argv.end(), command.begin(), command.end());
  return argv;
}

}  // namespace faultbox::image
