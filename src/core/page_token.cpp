#include "core/page_token.h"

#include <fmt/format.h>

namespace faultbox {

namespace {
// Hex rather than base64: safe in a URL or a form as it is, whether the client encodes it or not.
constexpr std::string_view kMark = "faultbox-page:";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}
}  // namespace

std::string make_page_token(std::string_view start_key) {
  std::string token;
  for (char c : std::string(kMark) + std::string(start_key)) {
    token += fmt::format("{:02x}", static_cast<unsigned char>(c));
  }
  return token;
}

std::optional<std::string> read_page_token(std::string_view token) {
  if (token.size() % 2 != 0) {
    return std::nullopt;
  }
  std::string text;
  for (size_t i = 0; i < token.size(); i += 2) {
    int high = hex_value(token[i]);
    int low = hex_value(token[i + 1]);
    if (high < 0 || low < 0) {
      return std::nullopt;
    }
    text += static_cast<char>(high * 16 + low);
  }
  if (text.rfind(kMark, 0) != 0) {
    return std::nullopt;
  }
  return text.substr(kMark.size());
}

}  // namespace faultbox
