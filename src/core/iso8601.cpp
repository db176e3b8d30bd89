// ISO 8601 instants and durations; gmtime_r and civil-day arithmetic, never local time.
#include "core/iso8601.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>
#include <string>

namespace faultbox {
namespace {

constexpr std::int64_t kSecond = 1000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;
constexpr std::int64_t kWeek = 7 * kDay;

Error bad(std::string_view text, std::string_view why) {
  return errors::validation("Invalid ISO 8601 duration \"" + std::string(text) +
                            "\": " + std::string(why) + " (expected e.g. PT3M, PT1M30S, P1D)");
}

// Milliseconds per unit letter, in the order the letters must appear.
std::int64_t unit_ms(char unit, bool in_time) {
  if (!in_time) {
    return unit == 'W' ? kWeek : unit == 'D' ? kDay : 0;
  }
  return unit == 'H' ? kHour : unit == 'M' ? kMinute : unit == 'S' ? kSecond : 0;
}

int unit_rank(char unit, bool in_time) {
  static constexpr std::string_view kDate = "WD";
  static constexpr std::string_view kTime = "HMS";
  return static_cast<int>(in_time ? 2 + kTime.find(unit) : kDate.find(unit));
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

}  // namespace

Result<Duration> parse_iso_duration(std::string_view text) {
  if (text.size() < 2 || text.front() != 'P') {
    return bad(text, "must start with P");
  }
  bool in_time = false;
  bool any = false;
  bool fraction_seen = false;
  int last_rank = -1;
  double total = 0;
  std::size_t i = 1;
  while (i < text.size()) {
    if (text[i] == 'T') {
      if (in_time) {
        return bad(text, "T appears twice");
      }
      in_time = true;
      ++i;
      continue;
    }
    std::size_t start = i;
    while (i < text.size() &&
           (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) {
      ++i;
    }
    if (start == i || i == text.size()) {
      return bad(text, "each number needs a unit letter");
    }
    const std::string number(text.substr(start, i - start));
    const char unit = text[i++];
    if (number.front() == '.' || number.back() == '.' || number.find('.') != number.rfind('.')) {
      return bad(text, "malformed number \"" + number + "\"");
    }
    const std::int64_t ms = unit_ms(unit, in_time);
    if (ms == 0) {
      return bad(text, (!in_time && (unit == 'Y' || unit == 'M'))
                           ? "years and months are not supported"
                           : "unknown unit '" + std::string(1, unit) + "'");
    }
    const int rank = unit_rank(unit, in_time);
    if (rank <= last_rank || fraction_seen) {
      return bad(text, "components out of order");
    }
    last_rank = rank;
    fraction_seen = number.find('.') != std::string::npos;
    total += std::stod(number) * static_cast<double>(ms);
    any = true;
  }
  if (!any || text.back() == 'T') {
    return bad(text, "no components");
  }
  if (total > 1e15) {
    return bad(text, "too long");
  }
  return Duration(static_cast<std::int64_t>(std::llround(total)));
}

std::string format_iso_duration(Duration d) {
  std::int64_t ms = d.count();
  if (ms <= 0) {
    return "PT0S";
  }
  std::string out = "P";
  if (ms >= kDay) {
    out += std::to_string(ms / kDay) + "D";
    ms %= kDay;
  }
  if (ms == 0) {
    return out;
  }
  out += "T";
  if (ms >= kHour) {
    out += std::to_string(ms / kHour) + "H";
    ms %= kHour;
  }
  if (ms >= kMinute) {
    out += std::to_string(ms / kMinute) + "M";
    ms %= kMinute;
  }
  if (ms > 0) {
    out += std::to_string(ms / kSecond);
    if (ms % kSecond != 0) {
      std::string frac = std::to_string(1000 + ms % kSecond).substr(1);
      while (frac.back() == '0') {
        frac.pop_back();
      }
      out += "." + frac;
    }
    out += "S";
  }
  return out;
}

std::tm utc_calendar(TimePoint t) {
  std::time_t secs =
      std::chrono::system_clock::to_time_t(std::chrono::floor<std::chrono::seconds>(t));
  std::tm utc{};
  gmtime_r(&secs, &utc);
  return utc;
}

std::string format_iso8601(TimePoint t) {
  auto ms = (t - std::chrono::floor<std::chrono::seconds>(t)).count();
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03d}Z", utc_calendar(t), ms);
}

std::string format_iso8601_offset(TimePoint t) {
  std::string text = format_iso8601(t);
  text.pop_back();  // the 'Z'
  return text + "+0000";
}

std::string format_iso8601_seconds(TimePoint t) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}Z", utc_calendar(t));
}

std::string format_utc_date_time(TimePoint t) {
  return fmt::format("{:%Y-%m-%d %H:%M:%S}", utc_calendar(t));
}

std::optional<TimePoint> parse_iso8601(std::string_view view) {
  const std::string text(view);  // sscanf needs the terminating NUL
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

std::optional<TimePoint> instant_from_json(const nlohmann::json& value) {
  if (value.is_number()) {
    double secs = value.get<double>();
    if (!std::isfinite(secs)) {
      return std::nullopt;
    }
    return TimePoint(Duration(static_cast<Duration::rep>(std::llround(secs * 1000.0))));
  }
  if (value.is_string()) {
    return parse_iso8601(value.get<std::string>());
  }
  return std::nullopt;
}

}  // namespace faultbox
