// Report time spellings, always UTC whatever TZ says: ISO 8601 instants and durations, clock
// labels for axes, short human durations, and reading the experiment JSON's time members.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/clock.h"

namespace faultbox::report {

// "2026-11-25T03:31:45.123Z".
std::string iso_time(TimePoint t);
// "03:31:45" (or "03:31" without seconds), UTC.
std::string clock_time(TimePoint t, bool with_seconds = true);
// ISO 8601 duration: "PT0S", "PT45S", "PT1M30.5S", "PT2H5M". Negative durations read as zero.
std::string iso_duration(Duration d);
// Short human text: "850 ms", "45 s", "1m 30s", "2h 5m".
std::string human_duration(Duration d);
// An instant from epoch seconds (a number, as GetExperiment has it) or an ISO 8601 string with Z
// or a numeric offset. Anything else is nullopt.
std::optional<TimePoint> parse_time(const nlohmann::json& value);

}  // namespace faultbox::report
