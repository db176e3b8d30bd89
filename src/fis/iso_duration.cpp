// ISO 8601 duration parsing and formatting (the subset FIS parameters use).
#include "fis/iso_duration.h"

#include <cctype>
#include <cmath>
#include <cstdint>
#include <string>

namespace faultbox::fis {
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

}  // namespace faultbox::fis
