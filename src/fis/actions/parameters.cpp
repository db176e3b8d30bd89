#include "fis/actions/parameters.h"

#include <cstdlib>

#include "core/iso8601.h"

namespace faultbox::fis::actions {

long integer_parameter(const StringMap& parameters, std::string_view name, long fallback) {
  auto it = parameters.find(std::string(name));
  return it == parameters.end() ? fallback : std::strtol(it->second.c_str(), nullptr, 10);
}

bool flag_parameter(const StringMap& parameters, std::string_view name) {
  auto it = parameters.find(std::string(name));
  return it != parameters.end() && it->second == "true";
}

Result<Duration> duration_parameter(std::string_view action_id, const StringMap& parameters,
                                    std::string_view name) {
  auto it = parameters.find(std::string(name));
  if (it == parameters.end()) {
    return errors::validation(std::string(action_id) + " needs the parameter " + std::string(name));
  }
  return parse_iso_duration(it->second);
}

std::vector<std::string> list_parameter(const StringMap& parameters, std::string_view name) {
  std::vector<std::string> items;
  auto it = parameters.find(std::string(name));
  if (it == parameters.end()) {
    return items;
  }
  const std::string& text = it->second;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) {
      comma = text.size();
    }
    std::string item = text.substr(start, comma - start);
    const auto first = item.find_first_not_of(" \t");
    const auto last = item.find_last_not_of(" \t");
    if (first != std::string::npos) {
      items.push_back(item.substr(first, last - first + 1));
    }
    start = comma + 1;
  }
  return items;
}

}  // namespace faultbox::fis::actions
