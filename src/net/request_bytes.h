// A request from its bytes on the wire, read as the lab's server reads one: Beast's parser under
// the server's limits, header names lower-cased. For the fuzz targets and the tests that replay
// requests recorded from real clients; the server itself reads from its socket.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <optional>
#include <string_view>

#include "net/http_message.h"
#include "net/http_server.h"

namespace faultbox::net {

// Method, target, headers and body of a parsed message (no addresses).
HttpRequest request_of(const boost::beast::http::request<boost::beast::http::string_body>& in);

// nullopt when the bytes are not one whole request the server would take.
std::optional<HttpRequest> request_from_bytes(std::string_view bytes,
                                              const HttpLimits& limits = {});

}  // namespace faultbox::net
