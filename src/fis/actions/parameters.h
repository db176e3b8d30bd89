// Reading an action's parameters, which FIS passes as strings. The validator has already checked
// types and ranges against the action's spec; these turn the text into values.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "fis/json_input.h"

namespace faultbox::fis::actions {

// A parameter as a whole number, `fallback` when absent.
long integer_parameter(const StringMap& parameters, std::string_view name, long fallback);
// Whether a boolean parameter is "true" (absent: false).
bool flag_parameter(const StringMap& parameters, std::string_view name);
// A required ISO 8601 duration. Errors: ValidationException naming the action and parameter.
Result<Duration> duration_parameter(std::string_view action_id, const StringMap& parameters,
                                    std::string_view name);
// A comma-separated list, items trimmed of spaces, empty items dropped (absent: empty).
std::vector<std::string> list_parameter(const StringMap& parameters, std::string_view name);

}  // namespace faultbox::fis::actions
