// The lab's cgroups: one per instance, under one of the lab's own (named from its data
// directory, so that a restarted lab finds what a killed one left). An instance's processes are
// bounded by the kernel to its instance type's CPU, memory and process count: a stress meets
// the instance's limit, never the machine's.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "limits/cgroup_layout.h"

namespace faultbox::limits {

// What a member's processes may use together.
struct Bounds {
  double cpu_cores = 1.0;         // CPU time per second of wall time, in cores
  std::int64_t memory_bytes = 0;  // memory (swap not allowed where the kernel accounts it)
  int max_processes = 0;          // 0: unbounded
};

class CgroupTree {
 public:
  // Makes (or finds) the lab's cgroup `lab_name` in each place of `layout` and removes the empty
  // member cgroups a killed run of the lab left. InternalError naming the file when the kernel
  // refuses (not root, a read-only cgroup file system, controllers held elsewhere).
  static Result<std::unique_ptr<CgroupTree>> open(CgroupLayout layout, std::string lab_name);

  // Creates `member`'s cgroups, or finds them, and sets `bounds` on them. Returns the
  // cgroup.procs files a process writes its pid into to join them (limits/join_cgroups.h).
  Result<std::vector<std::string>> prepare(const std::string& member, const Bounds& bounds);
  // Removes `member`'s cgroups. The kernel keeps one while a process is in it; clear() retries.
  void release(const std::string& member);
  // Removes every member's cgroups and then the lab's own.
  void clear();

  // e.g. "cgroup v1 (memory, cpu, pids)", for the lab's log.
  std::string description() const;

 private:
  CgroupTree(CgroupLayout layout, std::string lab_name)
      : layout_(std::move(layout)), lab_name_(std::move(lab_name)) {}
  std::filesystem::path lab_dir(const CgroupPlace& place) const { return place.dir / lab_name_; }
  Result<void> set_bounds(const CgroupPlace& place, const std::filesystem::path& dir,
                          const Bounds& bounds) const;
  void remove_members(bool keep_lab_dirs);

  CgroupLayout layout_;
  std::string lab_name_;
};

}  // namespace faultbox::limits

namespace faultbox::limits {

struct CgroupProbe {
  std::shared_ptr<CgroupTree> tree;  // null when the lab cannot bound its instances here
  std::string problem;               // why not, for the lab's log; "" when it can
};

// The cgroups of the lab with this data directory ("faultbox_<lab_fingerprint>"), when this
// machine and this process allow them (root, memory and cpu controllers). Opening them removes
// the empty ones a killed run of the lab left.
CgroupProbe probe_cgroups(const std::filesystem::path& data_dir);

}  // namespace faultbox::limits
