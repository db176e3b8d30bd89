// ISO 8601 durations as FIS parameters spell them ("PT3M", "PT1M30S", "P1D", "PT0.5S").
#pragma once

#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"

namespace faultbox::fis {

// Parses the PnWnDTnHnMnS subset to milliseconds. Years and months are rejected (their length
// depends on the calendar). Only the last component may carry a fraction ("PT0.5S", "PT1.5H").
// Errors: ValidationException quoting the text.
Result<Duration> parse_iso_duration(std::string_view text);

// Shortest form that parses back to the same value: "PT3M", "PT1M30S", "P1D", "PT0.5S", "PT0S".
std::string format_iso_duration(Duration d);

}  // namespace faultbox::fis
