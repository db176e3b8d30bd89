// JSON text in and out of the lab. Every JSON document the lab writes goes through json_text
// (a string that is not UTF-8 becomes U+FFFD instead of an exception that would end the lab), and
// every document from outside is read with parse_json (nesting bounded, so no input can exhaust
// the stack of the code that walks it). scripts/check-source-rules.sh keeps it that way.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/result.h"

namespace faultbox {

// Deeper than any document AWS or Terraform produce, shallow enough for recursive walkers.
inline constexpr int kMaxJsonDepth = 512;

// `value` as JSON text; `indent` as nlohmann::json::dump's (-1: compact).
std::string json_text(const nlohmann::json& value, int indent = -1);

// Parses `text`; `what` names it in the error ("the request body"). Fails with a
// ValidationException for malformed JSON, invalid UTF-8, or nesting deeper than kMaxJsonDepth.
Result<nlohmann::json> parse_json(std::string_view text, std::string_view what);

}  // namespace faultbox
