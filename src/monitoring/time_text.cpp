// UTC formatting through gmtime_r: fmt 9 formats system_clock time points in local time.
#include "monitoring/time_text.h"

#include <fmt/format.h>

#include <ctime>

namespace faultbox::monitoring {

namespace {
struct Parts {
  std::tm tm{};
  long long millis = 0;
};

Parts split(TimePoint t) {
  auto ms = t.time_since_epoch().count();
  auto secs = ms / 1000;
  auto rem = ms % 1000;
  if (rem < 0) {
    rem += 1000;
    --secs;
  }
  Parts p;
  auto tt = static_cast<std::time_t>(secs);
  gmtime_r(&tt, &p.tm);
  p.millis = rem;
  return p;
}

std::string date_time(const Parts& p) {
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}.{:03d}", p.tm.tm_year + 1900,
                     p.tm.tm_mon + 1, p.tm.tm_mday, p.tm.tm_hour, p.tm.tm_min, p.tm.tm_sec,
                     p.millis);
}
}  // namespace

std::string reason_time(TimePoint t) {
  auto p = split(t);
  return fmt::format("{:02d}/{:02d}/{:02d} {:02d}:{:02d}:{:02d}", p.tm.tm_mday, p.tm.tm_mon + 1,
                     p.tm.tm_year % 100, p.tm.tm_hour, p.tm.tm_min, p.tm.tm_sec);
}

std::string reason_data_time(TimePoint t) { return date_time(split(t)) + "+0000"; }

std::string api_time(TimePoint t) { return date_time(split(t)) + "Z"; }

}  // namespace faultbox::monitoring
