#include "core/base64.h"

#include <boost/beast/core/detail/base64.hpp>

namespace faultbox {

namespace b64 = boost::beast::detail::base64;

std::string base64_encode(std::string_view data) {
  std::string out(b64::encoded_size(data.size()), '\0');
  out.resize(b64::encode(out.data(), data.data(), data.size()));
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) {
    return std::nullopt;
  }
  std::string out(b64::decoded_size(text.size()), '\0');
  size_t padding = 0;
  while (padding < 2 && padding < text.size() && text[text.size() - 1 - padding] == '=') {
    ++padding;
  }
  // Beast stops at the first '=' or invalid character: everything before the padding must go.
  auto [written, read] = b64::decode(out.data(), text.data(), text.size());
  if (read != text.size() - padding) {
    return std::nullopt;
  }
  out.resize(written);
  return out;
}

}  // namespace faultbox
