// Errors as values: an AWS error code, a human message, and the HTTP status the API answers with.
#pragma once

#include <string>

namespace faultbox {

struct Error {
  Error() = default;
  // Not an aggregate on purpose: with C++20 paren-init a lone string would "construct" an Error,
  // which makes Result<std::string> refuse plain strings.
  Error(std::string code_, std::string message_, int http_status_ = 400)
      : code(std::move(code_)), message(std::move(message_)), http_status(http_status_) {}

  std::string code;     // AWS error code, e.g. "ValidationException"
  std::string message;  // what was wrong, the offending value, what to do
  int http_status = 400;

  std::string to_string() const { return code + ": " + message; }
};

// Helpers named after the AWS codes they build.
namespace errors {
inline Error validation(std::string message) {
  return {"ValidationException", std::move(message), 400};
}
inline Error not_found(std::string message) {
  return {"ResourceNotFoundException", std::move(message), 404};
}
inline Error conflict(std::string message) {
  return {"ConflictException", std::move(message), 409};
}
inline Error access_denied(std::string message) {
  return {"AccessDeniedException", std::move(message), 403};
}
inline Error internal(std::string message) { return {"InternalFailure", std::move(message), 500}; }
inline Error unavailable(std::string message) {
  return {"ServiceUnavailable", std::move(message), 503};
}
}  // namespace errors

}  // namespace faultbox
