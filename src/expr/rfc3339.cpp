// RFC 3339 parsing/printing on the proleptic Gregorian calendar, and Go duration parsing.
#include "expr/rfc3339.h"

#include <cctype>
#include <cmath>
#include <cstdio>

namespace faultbox::expr {
namespace {

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
int64_t days_from_civil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void civil_from_days(int64_t z, int64_t& y, int& m, int& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = yoe + era * 400 + (m <= 2);
}

int days_in_month(int64_t y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

// Reads exactly n digits at pos.
bool digits(const std::string& s, size_t& pos, size_t n, int& out) {
  if (pos + n > s.size()) {
    return false;
  }
  out = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (!std::isdigit(static_cast<unsigned char>(c))) {
      return false;
    }
    out = out * 10 + (c - '0');
  }
  pos += n;
  return true;
}

bool expect(const std::string& s, size_t& pos, char c) {
  if (pos < s.size() && s[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

Result<Timestamp> parse_rfc3339(const std::string& text) {
  auto bad = [&](const std::string& why) {
    return errors::validation("\"" + text + "\" is not a valid RFC 3339 timestamp: " + why);
  };
  size_t pos = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!digits(text, pos, 4, year) || !expect(text, pos, '-') || !digits(text, pos, 2, month) ||
      !expect(text, pos, '-') || !digits(text, pos, 2, day)) {
    return bad("the date must be YYYY-MM-DD");
  }
  if (!(expect(text, pos, 'T') || expect(text, pos, 't'))) {
    return bad("a \"T\" must separate the date and the time");
  }
  if (!digits(text, pos, 2, hour) || !expect(text, pos, ':') || !digits(text, pos, 2, minute) ||
      !expect(text, pos, ':') || !digits(text, pos, 2, second)) {
    return bad("the time must be hh:mm:ss");
  }
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) || hour > 23 ||
      minute > 59 || second > 60) {
    return bad("a field is out of range");
  }
  int64_t nanos = 0;
  if (expect(text, pos, '.')) {
    size_t start = pos;
    int64_t scale = 100000000;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
      nanos += (text[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) {
      return bad("a fraction of a second needs digits");
    }
  }
  int offset = 0;
  if (!(expect(text, pos, 'Z') || expect(text, pos, 'z'))) {
    int sign = expect(text, pos, '+') ? 1 : expect(text, pos, '-') ? -1 : 0;
    int oh = 0, om = 0;
    if (sign == 0 || !digits(text, pos, 2, oh) || !expect(text, pos, ':') ||
        !digits(text, pos, 2, om) || oh > 23 || om > 59) {
      return bad("the time zone must be \"Z\" or an offset like \"-08:00\"");
    }
    offset = sign * (oh * 60 + om);
  }
  if (pos != text.size()) {
    return bad("unexpected text after the time zone");
  }
  int64_t local = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  return Timestamp{local - offset * 60, nanos, offset};
}

CivilTime civil_time(const Timestamp& t) {
  int64_t local = t.seconds + t.offset_minutes * 60;
  int64_t days = floor_div(local, 86400);
  int64_t rest = local - days * 86400;
  CivilTime c;
  civil_from_days(days, c.year, c.month, c.day);
  c.hour = static_cast<int>(rest / 3600);
  c.minute = static_cast<int>(rest % 3600 / 60);
  c.second = static_cast<int>(rest % 60);
  c.weekday = static_cast<int>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday
  return c;
}

std::string format_rfc3339(const Timestamp& t) {
  CivilTime c = civil_time(t);
  char text[64];
  std::snprintf(text, sizeof text, "%04lld-%02d-%02dT%02d:%02d:%02d",
                static_cast<long long>(c.year), c.month, c.day, c.hour, c.minute, c.second);
  std::string out = text;
  if (t.offset_minutes == 0) {
    return out + "Z";
  }
  int off = std::abs(t.offset_minutes);
  std::snprintf(text, sizeof text, "%c%02d:%02d", t.offset_minutes < 0 ? '-' : '+', off / 60,
                off % 60);
  return out + text;
}

Timestamp add_nanos(const Timestamp& t, int64_t nanos) {
  int64_t total = t.nanos + nanos % 1000000000;
  int64_t seconds = t.seconds + nanos / 1000000000 + floor_div(total, 1000000000);
  total -= floor_div(total, 1000000000) * 1000000000;
  return Timestamp{seconds, total, t.offset_minutes};
}

Result<int64_t> parse_go_duration_nanos(const std::string& text) {
  auto bad = [&]() {
    return errors::validation("invalid duration \"" + text +
                              "\": expected numbers with units ns, us, ms, s, m or h, like "
                              "\"1h30m\"");
  };
  size_t pos = 0;
  bool negative = false;
  if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) {
    negative = text[pos] == '-';
    ++pos;
  }
  if (text.substr(pos) == "0") {
    return int64_t{0};
  }
  if (pos == text.size()) {
    return bad();
  }
  long double total = 0;
  while (pos < text.size()) {
    size_t start = pos;
    long double whole = 0;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
      whole = whole * 10 + (text[pos++] - '0');
    }
    bool had_whole = pos > start;
    long double fraction = 0;
    bool had_fraction = false;
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      long double scale = 0.1L;
      while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
        fraction += (text[pos++] - '0') * scale;
        scale /= 10;
        had_fraction = true;
      }
    }
    if (!had_whole && !had_fraction) {
      return bad();
    }
    size_t unit_start = pos;
    while (pos < text.size() && !std::isdigit(static_cast<unsigned char>(text[pos])) &&
           text[pos] != '.') {
      ++pos;
    }
    std::string unit = text.substr(unit_start, pos - unit_start);
    long double scale = unit == "ns"                                                 ? 1.0L
                        : unit == "us" || unit == "\xC2\xB5s" || unit == "\xCE\xBCs" ? 1e3L
                        : unit == "ms"                                               ? 1e6L
                        : unit == "s"                                                ? 1e9L
                        : unit == "m"                                                ? 60e9L
                        : unit == "h"                                                ? 3600e9L
                                                                                     : 0.0L;
    if (scale == 0) {
      return bad();
    }
    total += (whole + fraction) * scale;
    if (total > 9.2e18L) {
      return errors::validation("invalid duration \"" + text + "\": too long");
    }
  }
  auto nanos = static_cast<int64_t>(std::llround(total));
  return negative ? -nanos : nanos;
}

}  // namespace faultbox::expr
