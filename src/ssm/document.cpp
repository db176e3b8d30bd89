// Document lookups and the helpers every document's script uses.
#include "ssm/document.h"

#include <cmath>

namespace faultbox::ssm {

long long RenderContext::real_seconds(long long seconds) const {
  const double speed = clock != nullptr ? clock->speed() : 1.0;
  return std::max(1LL, static_cast<long long>(std::ceil(static_cast<double>(seconds) / speed)));
}

const ParameterSpec* Document::parameter(const std::string& wanted) const {
  for (const auto& p : parameters) {
    if (p.name == wanted) return &p;
  }
  return nullptr;
}

std::string first_value(const ParameterValues& values, const std::string& name) {
  auto it = values.find(name);
  return it == values.end() || it->second.empty() ? "" : it->second.front();
}

std::string shell_quoted(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

}  // namespace faultbox::ssm
