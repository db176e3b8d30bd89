// RFC 3339 timestamps and Go-style durations, as Terraform's time functions read and write them.
#pragma once

#include <cstdint>
#include <string>

#include "core/result.h"

namespace faultbox::expr {

// An instant with the UTC offset it was written in (Terraform keeps the offset when printing).
struct Timestamp {
  int64_t seconds = 0;     // since 1970-01-01T00:00:00Z
  int64_t nanos = 0;       // 0..999999999
  int offset_minutes = 0;  // east of UTC
};

// Civil fields of a timestamp in its own offset.
struct CivilTime {
  int64_t year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  int hour = 0;
  int minute = 0;
  int second = 0;
  int weekday = 4;  // 0 = Sunday
};

// "2018-01-02T23:12:01Z", "2018-01-02T23:12:01.5-08:00"; an error says what is wrong.
Result<Timestamp> parse_rfc3339(const std::string& text);
// Whole seconds, "Z" for UTC, else "+hh:mm" (fractions are dropped, as Terraform prints them).
std::string format_rfc3339(const Timestamp& t);
CivilTime civil_time(const Timestamp& t);

// Go's duration syntax: "1h30m", "-10m", "1.5h", "300ms", "0"; units ns, us, µs, ms, s, m, h.
Result<int64_t> parse_go_duration_nanos(const std::string& text);

// Adds nanoseconds, keeping the offset.
Timestamp add_nanos(const Timestamp& t, int64_t nanos);

}  // namespace faultbox::expr
