// A short name for a lab that stays the same across its restarts: what the lab leaves in the
// kernel (packet rules, cgroups) carries it, so that a restarted lab, or `faultbox down` after a
// kill -9, finds and removes exactly what a killed run of the same lab left.
#pragma once

#include <filesystem>
#include <string>

namespace faultbox {

// 12 hex digits of the SHA-256 of the data directory's normalized path.
std::string lab_fingerprint(const std::filesystem::path& data_dir);

}  // namespace faultbox
