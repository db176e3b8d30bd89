// Time functions: timestamp(), formatdate(), timeadd(), timecmp(). timestamp() is unknown while
// planning ("known after apply"), as in Terraform, and read from the registry's clock at apply.
#include <array>
#include <cctype>
#include <ctime>

#include "expr/function_args.h"
#include "expr/functions.h"
#include "expr/rfc3339.h"

namespace faultbox::expr {
namespace {

Result<Value> timestamp(const Args&, const CallContext& ctx) {
  if (ctx.functions->planning()) {
    return Value::unknown();
  }
  auto millis = ctx.functions->now().time_since_epoch().count();
  Timestamp t{millis / 1000 - (millis % 1000 < 0 ? 1 : 0), 0, 0};
  return Value::string(format_rfc3339(t));
}

constexpr std::array<const char*, 12> kMonths = {"January",   "February", "March",    "April",
                                                 "May",       "June",     "July",     "August",
                                                 "September", "October",  "November", "December"};
constexpr std::array<const char*, 7> kWeekdays = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                  "Thursday", "Friday", "Saturday"};

std::string padded(long long n, int width) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  if (static_cast<int>(digits.size()) < width) {
    digits.insert(0, static_cast<size_t>(width) - digits.size(), '0');
  }
  return n < 0 ? "-" + digits : digits;
}

std::string offset_text(int minutes, bool colon) {
  int off = minutes < 0 ? -minutes : minutes;
  return std::string(minutes < 0 ? "-" : "+") + padded(off / 60, 2) + (colon ? ":" : "") +
         padded(off % 60, 2);
}

// One verb of the format spec (a run of one letter), or an error naming it.
Result<std::string> verb(const std::string& v, const CivilTime& c, int offset) {
  const int hour12 = c.hour % 12 == 0 ? 12 : c.hour % 12;
  const std::string month = kMonths[static_cast<size_t>(c.month - 1)];
  const std::string weekday = kWeekdays[static_cast<size_t>(c.weekday)];
  if (v == "YYYY") return padded(c.year, 4);
  if (v == "YY") return padded(((c.year % 100) + 100) % 100, 2);
  if (v == "MMMM") return month;
  if (v == "MMM") return month.substr(0, 3);
  if (v == "MM") return padded(c.month, 2);
  if (v == "M") return std::to_string(c.month);
  if (v == "DD") return padded(c.day, 2);
  if (v == "D") return std::to_string(c.day);
  if (v == "EEEE") return weekday;
  if (v == "EEE") return weekday.substr(0, 3);
  if (v == "hh") return padded(c.hour, 2);
  if (v == "h") return std::to_string(c.hour);
  if (v == "HH") return padded(hour12, 2);
  if (v == "H") return std::to_string(hour12);
  if (v == "AA") return c.hour < 12 ? "AM" : "PM";
  if (v == "aa") return c.hour < 12 ? "am" : "pm";
  if (v == "mm") return padded(c.minute, 2);
  if (v == "m") return std::to_string(c.minute);
  if (v == "ss") return padded(c.second, 2);
  if (v == "s") return std::to_string(c.second);
  if (v == "ZZZZZ") return offset_text(offset, true);
  if (v == "ZZZZ") return offset_text(offset, false);
  if (v == "ZZZ") return offset == 0 ? "UTC" : offset_text(offset, false);
  if (v == "Z") return offset == 0 ? "Z" : offset_text(offset, true);
  return errors::validation("invalid date format verb \"" + v +
                            "\" (quote letters meant literally, like 'T')");
}

Result<std::string> format_date(const std::string& spec, const Timestamp& t) {
  const CivilTime c = civil_time(t);
  std::string out;
  for (size_t i = 0; i < spec.size();) {
    char ch = spec[i];
    if (ch == '\'') {
      if (i + 1 < spec.size() && spec[i + 1] == '\'') {  // '' is a literal quote
        out += '\'';
        i += 2;
        continue;
      }
      size_t j = i + 1;
      for (;; ++j) {
        if (j >= spec.size()) {
          return errors::validation("unterminated literal ' in the date format");
        }
        if (spec[j] == '\'') {
          if (j + 1 < spec.size() && spec[j + 1] == '\'') {
            out += '\'';
            ++j;
            continue;
          }
          break;
        }
        out += spec[j];
      }
      i = j + 1;
      continue;
    }
    if (std::isalpha(static_cast<unsigned char>(ch))) {
      size_t j = i;
      while (j < spec.size() && spec[j] == ch) {
        ++j;
      }
      FAULTBOX_TRY(text, verb(spec.substr(i, j - i), c, t.offset_minutes));
      out += text;
      i = j;
      continue;
    }
    out += ch;
    ++i;
  }
  return out;
}

Result<Value> formatdate(const Args& a, const CallContext&) {
  FAULTBOX_TRY(spec, fn::str(a, 0));
  FAULTBOX_TRY(text, fn::str(a, 1));
  FAULTBOX_TRY(t, parse_rfc3339(text));
  FAULTBOX_TRY(out, format_date(spec, t));
  return Value::string(std::move(out));
}

Result<Value> timeadd(const Args& a, const CallContext&) {
  FAULTBOX_TRY(text, fn::str(a, 0));
  FAULTBOX_TRY(duration, fn::str(a, 1));
  FAULTBOX_TRY(t, parse_rfc3339(text));
  FAULTBOX_TRY(nanos, parse_go_duration_nanos(duration));
  return Value::string(format_rfc3339(add_nanos(t, nanos)));
}

// -1, 0 or 1 as the first instant is before, the same as, or after the second.
Result<Value> timecmp(const Args& a, const CallContext&) {
  FAULTBOX_TRY(left_text, fn::str(a, 0));
  FAULTBOX_TRY(right_text, fn::str(a, 1));
  FAULTBOX_TRY(left, parse_rfc3339(left_text));
  FAULTBOX_TRY(right, parse_rfc3339(right_text));
  auto key = [](const Timestamp& t) { return std::pair(t.seconds, t.nanos); };
  return Value::number(key(left) < key(right) ? -1 : key(right) < key(left) ? 1 : 0);
}

}  // namespace

void register_time_functions(FunctionRegistry& r) {
  r.add("timestamp", {.min_args = 0, .max_args = 0, .eager = timestamp});
  r.add("formatdate", {.min_args = 2, .max_args = 2, .eager = formatdate});
  r.add("timeadd", {.min_args = 2, .max_args = 2, .eager = timeadd});
  r.add("timecmp", {.min_args = 2, .max_args = 2, .eager = timecmp});
}

}  // namespace faultbox::expr
