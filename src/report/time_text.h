// Report time spellings, always UTC whatever TZ says: clock labels for axes and short human
// durations. ISO 8601 instants and durations are core/iso8601.h's.
#pragma once

#include <string>

#include "core/clock.h"
#include "core/iso8601.h"

namespace faultbox::report {

// "03:31:45" (or "03:31" without seconds), UTC.
std::string clock_time(TimePoint t, bool with_seconds = true);
// Short human text: "850 ms", "45 s", "1m 30s", "2h 5m".
std::string human_duration(Duration d);

}  // namespace faultbox::report
