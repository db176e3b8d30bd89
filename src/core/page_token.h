// Pagination tokens as AWS hands them out: opaque to the client, checked when they come back.
// A token carries the key its page starts at, so a page still starts in the right place when
// that resource has gone in between; a token the lab did not make is an error, not page one.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace faultbox {

std::string make_page_token(std::string_view start_key);
// The key the token starts at, or nullopt when the lab did not make `token`.
std::optional<std::string> read_page_token(std::string_view token);

}  // namespace faultbox
