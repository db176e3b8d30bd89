// UTC clock labels and human durations for reports, never local time.
#include "report/time_text.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>

namespace faultbox::report {

std::string clock_time(TimePoint t, bool with_seconds) {
  std::tm utc = utc_calendar(t);
  if (!with_seconds) {
    return fmt::format("{:02d}:{:02d}", utc.tm_hour, utc.tm_min);
  }
  return fmt::format("{:02d}:{:02d}:{:02d}", utc.tm_hour, utc.tm_min, utc.tm_sec);
}

std::string human_duration(Duration d) {
  long long ms = d.count() < 0 ? 0 : d.count();
  if (ms < 1000) {
    return fmt::format("{} ms", ms);
  }
  long long secs = ms / 1000;
  if (secs < 60) {
    return fmt::format("{} s", secs);
  }
  if (secs < 3600) {
    return secs % 60 == 0 ? fmt::format("{}m", secs / 60)
                          : fmt::format("{}m {}s", secs / 60, secs % 60);
  }
  long long mins = secs / 60;
  return mins % 60 == 0 ? fmt::format("{}h", mins / 60)
                        : fmt::format("{}h {}m", mins / 60, mins % 60);
}

}  // namespace faultbox::report
