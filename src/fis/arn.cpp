// ARN splitting: the resource part keeps any further colons (alarm:<name>, log-group:<n>:*).
#include "fis/arn.h"

#include <algorithm>
#include <cctype>

namespace faultbox::fis {

std::optional<Arn> parse_arn(std::string_view text) {
  std::string_view parts[5];
  std::string_view rest = text;
  for (auto& part : parts) {
    const auto colon = rest.find(':');
    if (colon == std::string_view::npos) {
      return std::nullopt;
    }
    part = rest.substr(0, colon);
    rest.remove_prefix(colon + 1);
  }
  if (parts[0] != "arn" || parts[1].empty() || parts[2].empty() || rest.empty()) {
    return std::nullopt;
  }
  return Arn{std::string(parts[1]), std::string(parts[2]), std::string(parts[3]),
             std::string(parts[4]), std::string(rest)};
}

bool is_account_id(std::string_view account) {
  return account.size() == 12 &&
         std::all_of(account.begin(), account.end(),
                     [](unsigned char c) { return std::isdigit(c) != 0; });
}

}  // namespace faultbox::fis
