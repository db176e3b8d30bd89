// CloudWatch's own error codes (the query protocol's spellings), built like core's errors::*.
#pragma once

#include <string>

#include "core/error.h"

namespace faultbox::monitoring::cw_errors {

inline Error validation(std::string message) {
  return {"ValidationError", std::move(message), 400};
}
inline Error invalid_parameter_value(std::string message) {
  return {"InvalidParameterValue", std::move(message), 400};
}
inline Error invalid_parameter_combination(std::string message) {
  return {"InvalidParameterCombination", std::move(message), 400};
}
inline Error missing_parameter(std::string message) {
  return {"MissingParameter", std::move(message), 400};
}
inline Error resource_not_found(std::string message) {
  return {"ResourceNotFound", std::move(message), 404};
}

}  // namespace faultbox::monitoring::cw_errors
