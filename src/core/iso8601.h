// ISO 8601 as AWS spells it, in one place: instants ("2026-11-25T03:31:45.123Z", always UTC
// whatever TZ says) and durations as FIS parameters and reports write them ("PT3M", "PT1M30S",
// "P1D", "PT0.5S").
#pragma once

#include <ctime>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"

namespace faultbox {

// The calendar fields of an instant in UTC (gmtime_r), whatever TZ says: fmt 9 (Debian 12's)
// would format a system_clock time in local time.
std::tm utc_calendar(TimePoint t);

// "2026-11-25T03:31:45.123Z": UTC with milliseconds.
std::string format_iso8601(TimePoint t);
// "2026-11-25T03:31:45.123+0000": as Lambda's LastModified and CloudWatch's reason data have it.
std::string format_iso8601_offset(TimePoint t);
// "2026-11-25T03:31:45Z": whole seconds, as Auto Scaling writes instants in its activity causes.
std::string format_iso8601_seconds(TimePoint t);
// "2026-11-25 03:31:45": UTC date and time with whole seconds, as EC2's reason texts have them.
std::string format_utc_date_time(TimePoint t);

// An instant written "YYYY-MM-DDTHH:MM:SS[.fff](Z|+hh:mm|+hhmm)"; nullopt for anything else.
std::optional<TimePoint> parse_iso8601(std::string_view text);

// An instant as AWS's JSON protocols send one: epoch seconds (a number, as GetExperiment has it)
// or an ISO 8601 string. Anything else is nullopt.
std::optional<TimePoint> instant_from_json(const nlohmann::json& value);

// Parses the PnWnDTnHnMnS subset to milliseconds. Years and months are rejected (their length
// depends on the calendar). Only the last component may carry a fraction ("PT0.5S", "PT1.5H").
// Errors: ValidationException quoting the text.
Result<Duration> parse_iso_duration(std::string_view text);

// Shortest form that parses back to the same value: "PT3M", "PT1M30S", "P1D", "PT0.5S", "PT0S".
// Negative durations read as zero.
std::string format_iso_duration(Duration d);

}  // namespace faultbox
