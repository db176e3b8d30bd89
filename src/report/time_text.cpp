// UTC time formatting and parsing for reports; gmtime_r and civil-day arithmetic, never local time.
#include "report/time_text.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>

namespace faultbox::report {

namespace {

std::tm utc_fields(TimePoint t) {
  std::time_t secs =
      std::chrono::system_clock::to_time_t(std::chrono::floor<std::chrono::seconds>(t));
  std::tm utc{};
  gmtime_r(&secs, &utc);
  return utc;
}

// The offset part of an ISO instant ("Z", "+02:00", "-0130"), in minutes east of UTC.
std::optional<int> offset_minutes(const char* rest) {
  if (rest[0] == 'Z' && rest[1] == '\0') {
    return 0;
  }
  int hours = 0;
  int minutes = 0;
  char sign = 0;
  char tail = 0;
  if (std::sscanf(rest, "%c%2d:%2d%c", &sign, &hours, &minutes, &tail) != 3 &&
      std::sscanf(rest, "%c%2d%2d%c", &sign, &hours, &minutes, &tail) != 3) {
    return std::nullopt;
  }
  if (sign != '+' && sign != '-') {
    return std::nullopt;
  }
  int total = hours * 60 + minutes;
  return sign == '-' ? -total : total;
}

std::optional<TimePoint> parse_iso(const std::string& text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, used = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &used) !=
      6) {
    return std::nullopt;
  }
  const char* rest = text.c_str() + used;
  long millis = 0;
  if (*rest == '.') {
    long scale = 100;
    for (++rest; *rest >= '0' && *rest <= '9'; ++rest) {
      millis += (*rest - '0') * scale;
      scale /= 10;
    }
  }
  auto offset = offset_minutes(rest);
  using namespace std::chrono;
  year_month_day date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!offset || !date.ok() || h > 23 || mi > 59 || s > 60) {
    return std::nullopt;
  }
  auto at = time_point_cast<Duration>(sys_days{date}) + hours{h} + minutes{mi} + seconds{s} +
            Duration{millis};
  return at - minutes{*offset};
}

}  // namespace

std::string iso_time(TimePoint t) { return format_iso8601(t); }

std::string clock_time(TimePoint t, bool with_seconds) {
  std::tm utc = utc_fields(t);
  if (!with_seconds) {
    return fmt::format("{:02d}:{:02d}", utc.tm_hour, utc.tm_min);
  }
  return fmt::format("{:02d}:{:02d}:{:02d}", utc.tm_hour, utc.tm_min, utc.tm_sec);
}

std::string iso_duration(Duration d) {
  long long ms = d.count() < 0 ? 0 : d.count();
  long long hours = ms / 3'600'000;
  long long minutes = ms / 60'000 % 60;
  long long millis = ms % 60'000;
  std::string out = "PT";
  if (hours > 0) {
    out += fmt::format("{}H", hours);
  }
  if (minutes > 0) {
    out += fmt::format("{}M", minutes);
  }
  if (millis % 1000 != 0) {
    // Trailing zeros of the fraction are dropped: 1.5 s, not 1.500 s.
    std::string frac = fmt::format("{:03d}", millis % 1000);
    frac.erase(frac.find_last_not_of('0') + 1);
    out += fmt::format("{}.{}S", millis / 1000, frac);
  } else if (millis > 0 || out == "PT") {
    out += fmt::format("{}S", millis / 1000);
  }
  return out;
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

std::optional<TimePoint> parse_time(const nlohmann::json& value) {
  if (value.is_number()) {
    double secs = value.get<double>();
    if (!std::isfinite(secs)) {
      return std::nullopt;
    }
    return TimePoint(Duration(static_cast<Duration::rep>(std::llround(secs * 1000.0))));
  }
  if (value.is_string()) {
    return parse_iso(value.get<std::string>());
  }
  return std::nullopt;
}

}  // namespace faultbox::report
