// Standard base64 (RFC 4648, padded), for base64encode/decode and filebase64 (internal to expr).
#pragma once

#include <optional>
#include <string>

namespace faultbox::expr {

std::string base64_encode(const std::string& bytes);
// nullopt when the text is not valid padded base64.
std::optional<std::string> base64_decode(const std::string& text);

}  // namespace faultbox::expr
