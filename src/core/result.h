// Result<T>: a value or an Error. Discarding one is a compiler warning.
#pragma once

#include <boost/system/result.hpp>
#include <stdexcept>

#include "core/error.h"

namespace faultbox {

// Thrown only when value() is called on a Result holding an error: a programming mistake.
class ErrorException : public std::runtime_error {
 public:
  explicit ErrorException(const Error& e) : std::runtime_error(e.to_string()), error(e) {}
  Error error;
};

[[noreturn]] inline void throw_exception_from_error(const Error& e, const boost::source_location&) {
  throw ErrorException(e);
}

template <class T>
class [[nodiscard]] Result : public boost::system::result<T, Error> {
 public:
  using boost::system::result<T, Error>::result;
  Result(const Error& e) : boost::system::result<T, Error>(boost::system::in_place_error, e) {}
  Result(Error&& e)
      : boost::system::result<T, Error>(boost::system::in_place_error, std::move(e)) {}
};

}  // namespace faultbox

// Propagates the error of a Result-returning expression; yields its value otherwise.
#define FAULTBOX_TRY(var, expr)   \
  auto var##_result_ = (expr);    \
  if (!var##_result_) {           \
    return var##_result_.error(); \
  }                               \
  auto var = std::move(*var##_result_)

#define FAULTBOX_TRY_VOID(expr)   \
  do {                            \
    auto faultbox_r_ = (expr);    \
    if (!faultbox_r_) {           \
      return faultbox_r_.error(); \
    }                             \
  } while (0)
