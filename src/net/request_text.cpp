#include "net/request_text.h"

#include "core/utf8.h"

namespace faultbox::net {

namespace {
std::optional<std::string> check(const std::string& where, std::string_view text) {
  auto problem = describe_invalid_utf8(text);
  if (problem.empty()) {
    return std::nullopt;
  }
  return where + " is not UTF-8: " + problem;
}
}  // namespace

std::optional<std::string> invalid_request_text(const HttpRequest& request) {
  if (auto bad = check("the request target", request.target)) {
    return bad;
  }
  if (auto bad = check("the request target (percent-decoded)", url_decode(request.target))) {
    return bad;
  }
  for (const auto& [name, value] : request.headers) {
    if (auto bad = check("header " + to_valid_utf8(name), value)) {
      return bad;
    }
    if (auto bad = check("header name " + to_valid_utf8(name), name)) {
      return bad;
    }
  }
  auto type = request.header("content-type");
  if (type && type->rfind("application/x-www-form-urlencoded", 0) == 0) {
    if (auto bad = check("the form body (percent-decoded)", url_decode(request.body))) {
      return bad;
    }
  }
  return std::nullopt;
}

}  // namespace faultbox::net
