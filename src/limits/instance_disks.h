// Instances' root disks: each an ext4 file system of a bounded size in a sparse image file of its
// own, loop-mounted at the instance's root directories (image/sandbox.h). A disk fill or an I/O
// stress in an instance fills the instance's disk, never the machine's. The image file is the
// instance's EBS volume: kept while it is stopped, deleted when it is terminated.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"

namespace faultbox::limits {

// An instance's root disk: AL2023's 8 GiB root volume scaled down by 8, as instances are
// processes that share one machine's disk. Sparse: it takes on the machine only what is written.
inline constexpr std::int64_t kInstanceDiskBytes = std::int64_t{1} << 30;
// The machine keeps at least this much free beside its instances' disks: below it, a new disk is
// not made (the instance keeps its files on the machine's file system, and its console says so).
inline constexpr std::int64_t kMachineReserveBytes = std::int64_t{2} << 30;

class InstanceDisks {
 public:
  // The programs it runs (mkfs.ext4, mount, umount), found on PATH.
  InstanceDisks(std::string mkfs, std::string mount, std::string umount,
                std::filesystem::path instances_dir)
      : mkfs_(std::move(mkfs)),
        mount_(std::move(mount)),
        umount_(std::move(umount)),
        instances_dir_(std::move(instances_dir)) {}

  // Mounts `image` at `mount_point`, making the image (and its file system) first when there is
  // none. Nothing to do when it is mounted already. InternalError with the tool's message.
  Result<void> attach(const std::filesystem::path& image,
                      const std::filesystem::path& mount_point) const;
  // Unmounts what is mounted at `mount_point`, if anything.
  void detach(const std::filesystem::path& mount_point) const;
  // Unmounts every disk mounted under the lab's instances directory (at exit, and at the start
  // after a killed run).
  void detach_all() const;

 private:
  std::string mkfs_, mount_, umount_;
  std::filesystem::path instances_dir_;
};

struct DisksProbe {
  std::shared_ptr<InstanceDisks> disks;  // null when this machine or process cannot make them
  std::string problem;                   // why not, for the lab's log; "" when it can
};

// Disks for the instances under `<data_dir>/instances`, when this process may make them (root,
// mkfs.ext4 from e2fsprogs, util-linux's mount and a loop device). Unmounts what a killed run of
// the lab left mounted.
DisksProbe probe_instance_disks(const std::filesystem::path& data_dir);

// The mount points of this process's mount namespace under `dir` (decoded from
// /proc/self/mountinfo's escapes), deepest first.
std::vector<std::filesystem::path> mounts_under(const std::filesystem::path& dir,
                                                const std::string& mountinfo);

}  // namespace faultbox::limits
