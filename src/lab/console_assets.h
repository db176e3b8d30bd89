// The web console's files (console/ at the repository root), built into the binary by
// cmake/console_assets.cmake so that a lab started anywhere serves them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace faultbox::lab {

struct EmbeddedFile {
  std::string path;  // relative to console/, e.g. "js/app.js"
  std::string_view content;
};

const std::vector<EmbeddedFile>& embedded_console_files();

}  // namespace faultbox::lab
