// UTF-8 as JSON and AWS's APIs require it: text from outside the lab (URLs, headers, form
// parameters, stack values) is checked here before it can reach a JSON answer or the store.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace faultbox {

// The offset of the first byte that does not belong to a well-formed UTF-8 sequence (overlong
// forms, surrogates and code points above U+10FFFF are not well-formed), or nullopt.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

inline bool is_valid_utf8(std::string_view text) { return !first_invalid_utf8(text); }

// `text` with each ill-formed sequence replaced by U+FFFD, for messages that quote bad input.
std::string to_valid_utf8(std::string_view text);

// "byte 0xFF at offset 3": where `text` stops being UTF-8, for error messages. Empty when valid.
std::string describe_invalid_utf8(std::string_view text);

}  // namespace faultbox
