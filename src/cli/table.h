// Plain-text tables for the read views: columns padded to their widest cell.
#pragma once

#include <string>
#include <vector>

namespace faultbox::cli {

std::string render_table(const std::vector<std::string>& header,
                         const std::vector<std::vector<std::string>>& rows);

}  // namespace faultbox::cli
