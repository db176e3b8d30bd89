// Writing a file so that a crash leaves either the old content or the new, never half of it:
// a temporary file beside it, flushed to the disk, then renamed over it.
#pragma once

#include <filesystem>
#include <string_view>

#include "core/result.h"

namespace faultbox {

Result<void> write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

}  // namespace faultbox
