// Text of a request that the lab may repeat in a JSON answer or keep in its state: the target
// (after percent-decoding), header values and form bodies. JSON and AWS's APIs carry only UTF-8.
#pragma once

#include <optional>
#include <string>

#include "net/http_message.h"

namespace faultbox::net {

// What is not UTF-8 in `request`, for a 400's message ("header x-amz-target: byte 0xFF at
// offset 4"), or nullopt when all of it is. JSON bodies are left to the JSON parser.
std::optional<std::string> invalid_request_text(const HttpRequest& request);

}  // namespace faultbox::net
