#include "core/zone_ids.h"

namespace faultbox {

std::string zone_id(std::string_view zone_name) {
  if (zone_name.empty()) {
    return {};
  }
  const std::string_view region = zone_name.substr(0, zone_name.size() - 1);
  const char letter = zone_name.back();
  std::string abbrev;
  std::size_t start = 0;
  for (std::size_t part = 0; start <= region.size(); ++part) {
    const auto dash = region.find('-', start);
    const auto word =
        region.substr(start, dash == std::string_view::npos ? region.npos : dash - start);
    if (part == 0 || dash == std::string_view::npos) {
      abbrev += word;
    } else if (!word.empty()) {
      abbrev += word.front();
      // Compound directions keep both initials: southeast → se, northwest → nw.
      for (std::string_view half : {"east", "west"}) {
        if (word.size() > half.size() && word.ends_with(half)) {
          abbrev += half.front();
        }
      }
    }
    if (dash == std::string_view::npos) {
      break;
    }
    start = dash + 1;
  }
  return abbrev + "-az" + std::to_string(letter - 'a' + 1);
}

}  // namespace faultbox
