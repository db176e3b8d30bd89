// Where this machine's cgroups are, and which of them the lab can use to bound its instances:
// cgroup v2's unified tree when it carries the memory and cpu controllers, else cgroup v1's
// separate memory and cpu hierarchies (as on hybrid machines, and the machines here).
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "core/result.h"

namespace faultbox::limits {

enum class CgroupVersion { V1, V2 };

// A directory of a cgroup file system under which the lab makes its cgroups, and the
// controllers it bounds there.
struct CgroupPlace {
  std::filesystem::path dir;
  std::set<std::string> controllers;  // of "memory", "cpu", "pids"

  bool operator==(const CgroupPlace&) const = default;
};

struct CgroupLayout {
  CgroupVersion version = CgroupVersion::V2;
  // v2: one place, the unified tree's root (a cgroup with processes in it cannot give its
  // controllers to children, so the lab's own cgroup is no place for them). v1: one place per
  // hierarchy, under the cgroup this process is in (limits nest, so the lab stays within its
  // own).
  std::vector<CgroupPlace> places;
};

// Reads /proc/self/mountinfo, /proc/self/cgroup and the unified tree's cgroup.controllers, all
// under `fs_root` (tests give a directory made to look like them). InternalError saying what is
// missing when there are no memory and cpu controllers to use.
Result<CgroupLayout> find_cgroup_layout(const std::filesystem::path& fs_root = "/");

}  // namespace faultbox::limits
