// Zip archives through libzip: written with a fixed time and in the order given (the same
// entries always give the same bytes, as Terraform's archive_file needs), and read back (the
// console shows a Lambda function's code).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"

namespace faultbox {

struct ZipEntry {
  std::string name;  // '/'-separated
  std::string bytes;
  unsigned mode = 0644;
};

// Writes `entries` (deflated, all dated 1980-01-01) to `path`, replacing it whole.
Result<void> write_zip(const std::filesystem::path& path, const std::vector<ZipEntry>& entries);

// The regular files of the archive at `path`, in archive order; at most `max_bytes` in all
// (ValidationException beyond, so a crafted archive cannot exhaust memory).
Result<std::vector<ZipEntry>> read_zip(const std::filesystem::path& path,
                                       std::size_t max_bytes = 16 * 1024 * 1024);

}  // namespace faultbox
