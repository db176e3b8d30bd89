#include "cli/table.h"

#include <algorithm>

namespace faultbox::cli {

std::string render_table(const std::vector<std::string>& header,
                         const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths(header.size());
  for (size_t c = 0; c < header.size(); ++c) {
    widths[c] = header[c].size();
    for (const auto& row : rows) {
      if (c < row.size()) {
        widths[c] = std::max(widths[c], row[c].size());
      }
    }
  }
  auto line = [&widths](const std::vector<std::string>& cells) {
    std::string out;
    for (size_t c = 0; c < widths.size(); ++c) {
      auto cell = c < cells.size() ? cells[c] : "";
      out += cell;
      if (c + 1 < widths.size()) {
        out += std::string(widths[c] - cell.size() + 2, ' ');
      }
    }
    while (!out.empty() && out.back() == ' ') {
      out.pop_back();
    }
    return out + "\n";
  };
  std::string out = line(header);
  for (const auto& row : rows) {
    out += line(row);
  }
  return out;
}

}  // namespace faultbox::cli
