#include "limits/cgroup_tree.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>

#include "core/error.h"
#include "core/lab_fingerprint.h"

namespace faultbox::limits {

namespace {

namespace fs = std::filesystem;

// CFS's accounting period; a quota of cpu_cores times it per period.
constexpr long kCpuPeriodMicros = 100000;

Result<void> write_value(const fs::path& file, const std::string& value) {
  std::ofstream out(file);
  out << value << std::flush;
  if (!out) {
    return errors::internal(
        fmt::format("the kernel refused {} in {}: {}", value, file.string(), std::strerror(errno)));
  }
  return {};
}

Result<void> make_dir(const fs::path& dir) {
  std::error_code ec;
  fs::create_directory(dir, ec);
  if (ec) {
    return errors::internal("cannot create the cgroup " + dir.string() + ": " + ec.message());
  }
  return {};
}

// cgroup v2: the controllers must be handed down from each parent to its children.
Result<void> hand_down(const fs::path& dir, const std::set<std::string>& controllers) {
  std::ifstream in(dir / "cgroup.subtree_control");
  std::string enabled((std::istreambuf_iterator<char>(in)), {});
  std::string wanted;
  for (const auto& controller : controllers) {
    if (enabled.find(controller) == std::string::npos) wanted += " +" + controller;
  }
  if (wanted.empty()) return {};
  return write_value(dir / "cgroup.subtree_control", wanted.substr(1));
}

long cpu_quota_micros(double cores) {
  return std::max(1000L, std::lround(cores * static_cast<double>(kCpuPeriodMicros)));
}

}  // namespace

Result<std::unique_ptr<CgroupTree>> CgroupTree::open(CgroupLayout layout, std::string lab_name) {
  std::unique_ptr<CgroupTree> tree(new CgroupTree(std::move(layout), std::move(lab_name)));
  for (const auto& place : tree->layout_.places) {
    if (tree->layout_.version == CgroupVersion::V2) {
      FAULTBOX_TRY_VOID(hand_down(place.dir, place.controllers));
    }
    FAULTBOX_TRY_VOID(make_dir(tree->lab_dir(place)));
    if (tree->layout_.version == CgroupVersion::V2) {
      FAULTBOX_TRY_VOID(hand_down(tree->lab_dir(place), place.controllers));
    }
  }
  tree->remove_members(/*keep_lab_dirs=*/true);
  return tree;
}

Result<void> CgroupTree::set_bounds(const CgroupPlace& place, const fs::path& dir,
                                    const Bounds& bounds) const {
  const bool v2 = layout_.version == CgroupVersion::V2;
  if (place.controllers.contains("memory") && bounds.memory_bytes > 0) {
    const auto bytes = std::to_string(bounds.memory_bytes);
    FAULTBOX_TRY_VOID(write_value(dir / (v2 ? "memory.max" : "memory.limit_in_bytes"), bytes));
    // Without swap, a memory stress meets the limit instead of pushing the machine to swap.
    // The file is only there where the kernel accounts swap.
    const auto swap = dir / (v2 ? "memory.swap.max" : "memory.memsw.limit_in_bytes");
    if (fs::exists(swap)) {
      FAULTBOX_TRY_VOID(write_value(swap, v2 ? "0" : bytes));
    }
  }
  if (place.controllers.contains("cpu")) {
    const auto quota = cpu_quota_micros(bounds.cpu_cores);
    if (v2) {
      FAULTBOX_TRY_VOID(
          write_value(dir / "cpu.max", fmt::format("{} {}", quota, kCpuPeriodMicros)));
    } else {
      FAULTBOX_TRY_VOID(write_value(dir / "cpu.cfs_period_us", std::to_string(kCpuPeriodMicros)));
      FAULTBOX_TRY_VOID(write_value(dir / "cpu.cfs_quota_us", std::to_string(quota)));
    }
  }
  if (place.controllers.contains("pids") && bounds.max_processes > 0) {
    FAULTBOX_TRY_VOID(write_value(dir / "pids.max", std::to_string(bounds.max_processes)));
  }
  return {};
}

Result<std::vector<std::string>> CgroupTree::prepare(const std::string& member,
                                                     const Bounds& bounds) {
  std::vector<std::string> procs;
  for (const auto& place : layout_.places) {
    const auto dir = lab_dir(place) / member;
    FAULTBOX_TRY_VOID(make_dir(dir));
    FAULTBOX_TRY_VOID(set_bounds(place, dir, bounds));
    procs.push_back((dir / "cgroup.procs").string());
  }
  return procs;
}

void CgroupTree::release(const std::string& member) {
  for (const auto& place : layout_.places) {
    std::error_code ignored;  // still in use: kept until clear()
    fs::remove(lab_dir(place) / member, ignored);
  }
}

void CgroupTree::remove_members(bool keep_lab_dirs) {
  for (const auto& place : layout_.places) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(lab_dir(place), ec)) {
      std::error_code ignored;  // a cgroup with processes in it stays
      if (entry.is_directory(ignored)) fs::remove(entry.path(), ignored);
    }
    if (!keep_lab_dirs) {
      std::error_code ignored;
      fs::remove(lab_dir(place), ignored);
    }
  }
}

void CgroupTree::clear() { remove_members(/*keep_lab_dirs=*/false); }

std::string CgroupTree::description() const {
  std::string controllers;
  for (const auto& place : layout_.places) {
    for (const auto& controller : place.controllers) {
      controllers += (controllers.empty() ? "" : ", ") + controller;
    }
  }
  return fmt::format("cgroup {} ({})", layout_.version == CgroupVersion::V2 ? "v2" : "v1",
                     controllers);
}

}  // namespace faultbox::limits

namespace faultbox::limits {

CgroupProbe probe_cgroups(const std::filesystem::path& data_dir) {
  constexpr std::string_view kWithout =
      "instances are not bounded to their instance type's CPU and memory; a stress in one "
      "takes what the machine has";
  auto layout = find_cgroup_layout();
  if (!layout) {
    return {nullptr, layout.error().message + ": " + std::string(kWithout)};
  }
  auto tree = CgroupTree::open(std::move(*layout), "faultbox_" + lab_fingerprint(data_dir));
  if (!tree) {
    return {nullptr, tree.error().message +
                         " (run the lab as root to bound instances): " + std::string(kWithout)};
  }
  return {std::move(*tree), ""};
}

}  // namespace faultbox::limits
