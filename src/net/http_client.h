// A small blocking HTTP/1.1 client: the CLI talking to the lab, the traffic loop, tests.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "core/result.h"
#include "net/http_message.h"

namespace faultbox::net {

struct Url {
  std::string host;
  uint16_t port = 80;
  std::string target = "/";  // path and query
};

// Parses "http://host[:port][/path]"; https is refused with a clear message.
Result<Url> parse_url(const std::string& url);

struct HttpCall {
  std::string method = "GET";
  std::string url;
  std::string body;
  Headers headers;
  std::chrono::milliseconds timeout{10'000};
  // Called once if no answer has come after `slow_after` (e.g. to say that the lab is busy);
  // the call goes on until `timeout`.
  std::chrono::milliseconds slow_after{0};
  std::function<void()> on_slow;
};

// Connects, sends one request, reads the response, closes. Connection failures and timeouts are
// errors ("ServiceUnavailable: connection refused by 127.0.0.1:4566").
Result<HttpResponse> http_call(const HttpCall& call);

}  // namespace faultbox::net
