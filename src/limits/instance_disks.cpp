#include "limits/instance_disks.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "core/program_path.h"
#include "core/run_program.h"

namespace faultbox::limits {

namespace {

namespace fs = std::filesystem;

std::string read_mountinfo() {
  std::ifstream in("/proc/self/mountinfo");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// mountinfo writes space, tab, newline and backslash in paths as \040, \011, \012, \134.
std::string unescape(const std::string& field) {
  std::string out;
  for (std::size_t i = 0; i < field.size(); ++i) {
    if (field[i] == '\\' && i + 3 < field.size() &&
        std::isdigit(static_cast<unsigned char>(field[i + 1]))) {
      out += static_cast<char>(std::stoi(field.substr(i + 1, 3), nullptr, 8));
      i += 3;
    } else {
      out += field[i];
    }
  }
  return out;
}

bool is_under(const fs::path& path, const fs::path& dir) {
  const auto relative = path.lexically_relative(dir);
  return !relative.empty() && *relative.begin() != "..";
}

bool is_mounted(const fs::path& mount_point) {
  for (const auto& mounted : mounts_under(mount_point.parent_path(), read_mountinfo())) {
    if (mounted == mount_point) return true;
  }
  return false;
}

}  // namespace

std::vector<fs::path> mounts_under(const fs::path& dir, const std::string& mountinfo) {
  std::vector<fs::path> found;
  std::istringstream lines(mountinfo);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream fields(line);
    std::string id, parent, device, root, mount_point;
    if (!(fields >> id >> parent >> device >> root >> mount_point)) continue;
    fs::path path = unescape(mount_point);
    if (is_under(path, dir.lexically_normal())) found.push_back(path);
  }
  std::stable_sort(found.begin(), found.end(), [](const fs::path& a, const fs::path& b) {
    return a.string().size() > b.string().size();
  });
  return found;
}

Result<void> InstanceDisks::attach(const fs::path& image, const fs::path& mount_point) const {
  if (is_mounted(mount_point)) return {};
  std::error_code ec;
  if (!fs::exists(image, ec)) {
    const auto space = fs::space(image.parent_path(), ec);
    if (!ec && static_cast<std::int64_t>(space.available) < kMachineReserveBytes) {
      return errors::internal(
          "the machine has " + std::to_string(space.available >> 20) + " MiB free, less than the " +
          std::to_string(kMachineReserveBytes >> 20) + " MiB it keeps beside instance disks");
    }
    const auto partial = image.string() + ".partial";
    { std::ofstream file(partial, std::ios::trunc); }
    fs::resize_file(partial, static_cast<std::uintmax_t>(kInstanceDiskBytes), ec);
    if (ec) return errors::internal("cannot make the disk image " + partial + ": " + ec.message());
    // No reserved blocks (a fill's percent is of the whole disk), the inode tables and journal
    // left for the kernel to initialise: a disk is made in a fraction of a second.
    FAULTBOX_TRY_VOID(
        run_program_checked({mkfs_, "-q", "-F", "-m", "0", "-E",
                             "lazy_itable_init=1,lazy_journal_init=1,nodiscard", partial},
                            "cannot make the instance's file system"));
    fs::rename(partial, image, ec);
    if (ec) return errors::internal("cannot name the disk image " + image.string());
  }
  fs::create_directories(mount_point, ec);
  // discard: what the instance deletes is given back to the machine (holes in the image file).
  return run_program_checked(
      {mount_, "-o", "loop,discard,nodev,nosuid", image.string(), mount_point.string()},
      "cannot mount the instance's disk");
}

void InstanceDisks::detach(const fs::path& mount_point) const {
  if (!is_mounted(mount_point)) return;
  if (!run_program_checked({umount_, mount_point.string()}, "umount")) {
    (void)run_program_checked({umount_, "-l", mount_point.string()},
                              "umount -l");  // busy: detached when free
  }
}

void InstanceDisks::detach_all() const {
  for (const auto& mount_point : mounts_under(instances_dir_, read_mountinfo())) {
    detach(mount_point);
  }
}

DisksProbe probe_instance_disks(const fs::path& data_dir) {
  constexpr std::string_view kWithout =
      "instances keep their files on the machine's file system, and a disk fill in one fills "
      "the machine's disk";
  if (::geteuid() != 0) {
    return {nullptr, "instance disks need root (loop devices): " + std::string(kWithout)};
  }
  const auto mkfs = find_on_path("mkfs.ext4");
  const auto mount = find_on_path("mount");
  const auto umount = find_on_path("umount");
  if (mkfs.empty() || mount.empty() || umount.empty()) {
    return {nullptr, "mkfs.ext4, mount or umount is not installed (apt-get install e2fsprogs "
                     "mount): " +
                         std::string(kWithout)};
  }
  std::error_code ec;
  if (!fs::exists("/dev/loop-control", ec)) {
    return {nullptr,
            "this machine has no loop devices (/dev/loop-control): " + std::string(kWithout)};
  }
  auto disks = std::make_shared<InstanceDisks>(mkfs, mount, umount, data_dir / "instances");
  disks->detach_all();
  return {std::move(disks), ""};
}

}  // namespace faultbox::limits
