// Base64 (RFC 4648, with padding), as EC2 user data and Terraform's base64 functions use it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace faultbox {

std::string base64_encode(std::string_view data);
// Empty when `text` is not valid base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace faultbox
