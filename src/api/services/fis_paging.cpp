#include "api/services/fis_paging.h"

#include <charconv>

namespace faultbox::api {

namespace {
std::optional<long> parse_number(const std::string& text) {
  long n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return n;
}

const std::string kTokenPrefix = "fbx-page-";
}  // namespace

Result<nlohmann::json> fis_page(const nlohmann::json& items, const std::string& member,
                                const Params& params, int limit) {
  const long size = static_cast<long>(items.size());
  long begin = 0;
  long count = size;
  if (auto max = params.get("maxResults")) {
    auto n = parse_number(*max);
    if (!n || *n < 1 || *n > limit) {
      return errors::validation("maxResults must be between 1 and " + std::to_string(limit));
    }
    count = *n;
  }
  if (auto token = params.get("nextToken")) {
    auto n = token->rfind(kTokenPrefix, 0) == 0 ? parse_number(token->substr(kTokenPrefix.size()))
                                                : std::nullopt;
    if (!n || *n < 0 || *n > size) {
      return errors::validation("Invalid nextToken: " + *token);
    }
    begin = *n;
  }
  auto end = std::min(size, begin + count);
  nlohmann::json page = nlohmann::json::array();
  for (long i = begin; i < end; ++i) {
    page.push_back(items[static_cast<size_t>(i)]);
  }
  nlohmann::json out = {{member, std::move(page)}};
  if (end < size) {
    out["nextToken"] = kTokenPrefix + std::to_string(end);
  }
  return out;
}

}  // namespace faultbox::api
