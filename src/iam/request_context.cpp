#include "iam/request_context.h"

#include <algorithm>
#include <cctype>

namespace faultbox::iam {

namespace {
std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}
}  // namespace

void RequestContext::set(std::string_view key, std::string value) {
  values_[lower(key)] = std::move(value);
}

void RequestContext::know_prefix(std::string_view prefix) { prefixes_.push_back(lower(prefix)); }

std::optional<std::string> RequestContext::value(std::string_view key) const {
  auto it = values_.find(lower(key));
  if (it == values_.end()) {
    return std::nullopt;
  }
  return it->second;
}

bool RequestContext::knows(std::string_view key) const {
  auto k = lower(key);
  if (values_.count(k) > 0) {
    return true;
  }
  return std::any_of(prefixes_.begin(), prefixes_.end(),
                     [&k](const std::string& p) { return k.starts_with(p); });
}

}  // namespace faultbox::iam
