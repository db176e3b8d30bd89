// cloud-init's write_files module: one file written under a root directory (the instance's own
// filesystem view is "/"; tests pass a temporary directory).
#pragma once

#include <filesystem>

#include "core/result.h"
#include "image/cloud_config.h"

namespace faultbox::image {

// Decodes the content, creates missing parent directories, writes (or appends), then applies
// permissions (default 0644) and owner. Owner changes need root: without it the file keeps the
// current owner and the returned note says so (empty note when nothing to say).
Result<std::string> write_file(const WriteFile& file, const std::filesystem::path& root);

}  // namespace faultbox::image
