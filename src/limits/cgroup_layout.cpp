#include "limits/cgroup_layout.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "core/error.h"

namespace faultbox::limits {

namespace {

namespace fs = std::filesystem;

// Controllers the lab bounds; memory and cpu are required, pids only where present.
constexpr const char* kControllers[] = {"memory", "cpu", "pids"};

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream in(text);
  for (std::string part; std::getline(in, part, separator);) {
    parts.push_back(part);
  }
  return parts;
}

// Paths in the kernel's files are absolute; tests read them under another root.
fs::path under(const fs::path& fs_root, const std::string& absolute) {
  return fs_root / fs::path(absolute).relative_path();
}

struct CgroupMount {
  std::string root;         // the part of the hierarchy mounted (not "/" in some containers)
  std::string mount_point;  // where
  bool unified = false;     // cgroup2
  std::set<std::string> controllers;  // v1: from its super options
};

// One line of mountinfo: "36 25 0:31 / /sys/fs/cgroup/memory rw shared:1 - cgroup cgroup rw,memory"
std::vector<CgroupMount> cgroup_mounts(const std::string& mountinfo) {
  std::vector<CgroupMount> mounts;
  for (const auto& line : split(mountinfo, '\n')) {
    const auto dash = line.find(" - ");
    if (dash == std::string::npos) continue;
    const auto before = split(line.substr(0, dash), ' ');
    const auto after = split(line.substr(dash + 3), ' ');
    if (before.size() < 5 || after.size() < 3) continue;
    CgroupMount mount{before[3], before[4], after[0] == "cgroup2", {}};
    if (after[0] != "cgroup" && !mount.unified) continue;
    for (const auto& option : split(after[2], ',')) {
      mount.controllers.insert(option);
    }
    mounts.push_back(std::move(mount));
  }
  return mounts;
}

// "4:memory:/a/b" -> {"memory": "/a/b"}; "0::/x" -> {"": "/x"}; "1:cpu,cpuacct:/" -> both.
std::map<std::string, std::string> own_cgroups(const std::string& proc_cgroup) {
  std::map<std::string, std::string> own;
  for (const auto& line : split(proc_cgroup, '\n')) {
    const auto first = line.find(':');
    const auto second = line.find(':', first + 1);
    if (first == std::string::npos || second == std::string::npos) continue;
    const auto path = line.substr(second + 1);
    const auto names = line.substr(first + 1, second - first - 1);
    if (names.empty()) {
      own[""] = path;
    }
    for (const auto& name : split(names, ',')) {
      own[name] = path;
    }
  }
  return own;
}

// The directory of `own` (a path in the hierarchy) under a mount of part `root` of it.
fs::path mounted_dir(const fs::path& fs_root, const CgroupMount& mount, const std::string& own) {
  std::string inside = own;
  if (mount.root != "/" && inside.rfind(mount.root, 0) == 0) {
    inside = inside.substr(mount.root.size());
  }
  const auto relative = fs::path(inside).relative_path();
  const auto dir = under(fs_root, mount.mount_point);
  return relative.empty() ? dir : dir / relative;
}

std::optional<CgroupLayout> unified_layout(const fs::path& fs_root,
                                           const std::vector<CgroupMount>& mounts) {
  for (const auto& mount : mounts) {
    if (!mount.unified) continue;
    const auto dir = under(fs_root, mount.mount_point);
    std::set<std::string> available;
    for (const auto& name : split(read_text(dir / "cgroup.controllers"), ' ')) {
      std::string trimmed = name;
      while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back()))) {
        trimmed.pop_back();
      }
      available.insert(trimmed);
    }
    if (!available.contains("memory") || !available.contains("cpu")) continue;
    CgroupPlace place{dir, {}};
    for (const char* controller : kControllers) {
      if (available.contains(controller)) place.controllers.insert(controller);
    }
    return CgroupLayout{CgroupVersion::V2, {place}};
  }
  return std::nullopt;
}

}  // namespace

Result<CgroupLayout> find_cgroup_layout(const fs::path& fs_root) {
  const auto mounts = cgroup_mounts(read_text(under(fs_root, "/proc/self/mountinfo")));
  if (auto unified = unified_layout(fs_root, mounts)) {
    return *unified;
  }
  const auto own = own_cgroups(read_text(under(fs_root, "/proc/self/cgroup")));
  CgroupLayout layout{CgroupVersion::V1, {}};
  std::set<std::string> found;
  for (const char* controller : kControllers) {
    for (const auto& mount : mounts) {
      if (mount.unified || !mount.controllers.contains(controller)) continue;
      const auto path = own.find(controller);
      const auto dir =
          mounted_dir(fs_root, mount, path == own.end() ? std::string("/") : path->second);
      auto same = std::find_if(layout.places.begin(), layout.places.end(),
                               [&](const CgroupPlace& p) { return p.dir == dir; });
      if (same != layout.places.end()) {
        same->controllers.insert(controller);  // co-mounted, as cpu,cpuacct often is
      } else {
        layout.places.push_back({dir, {controller}});
      }
      found.insert(controller);
      break;
    }
  }
  if (!found.contains("memory") || !found.contains("cpu")) {
    return errors::internal(
        "this machine's cgroups have no memory and cpu controllers the lab can use (neither "
        "cgroup v2 with them enabled nor cgroup v1 hierarchies of them are mounted)");
  }
  return layout;
}

}  // namespace faultbox::limits
