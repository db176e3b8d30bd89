// formatdate, timeadd and timecmp beyond the documented examples: every verb, offsets, Go
// duration syntax, and the errors.
#include "expr_test_support.h"

namespace faultbox::expr {
namespace {

using testing::check_expressions;

TEST(TimeFunctions, EveryFormatdateVerb) {
  check_expressions({
      {R"(formatdate("YYYY YY MMMM MMM MM M DD D", "2006-01-02T15:04:05Z"))",
       R"("2006 06 January Jan 01 1 02 2")"},
      {R"(formatdate("EEEE EEE", "2006-01-02T15:04:05Z"))", R"("Monday Mon")"},
      {R"(formatdate("hh h HH H AA aa", "2006-01-02T03:04:05Z"))", R"("03 3 03 3 AM am")"},
      {R"(formatdate("HH H aa", "2006-01-02T00:04:05Z"))", R"("12 12 am")"},
      {R"(formatdate("HH H AA", "2006-01-02T12:00:00Z"))", R"("12 12 PM")"},
      {R"(formatdate("mm m ss s", "2006-01-02T15:04:05Z"))", R"("04 4 05 5")"},
      {R"(formatdate("ZZZZZ ZZZZ ZZZ Z", "2006-01-02T15:04:05Z"))", R"("+00:00 +0000 UTC Z")"},
      {R"(formatdate("ZZZZZ ZZZZ ZZZ Z", "2006-01-02T15:04:05+05:30"))",
       R"("+05:30 +0530 +0530 +05:30")"},
      {R"(formatdate("YYYY-MM-DD'T'hh:mm:ssZ", "2024-02-29T23:59:59.999-01:00"))",
       R"("2024-02-29T23:59:59-01:00")"},
      {R"(formatdate("''", "2006-01-02T15:04:05Z"))", R"("'")"},
      {R"(formatdate("EEEE", "1969-12-31T23:59:59Z"))", R"("Wednesday")"},
      {R"(formatdate("YYYYY", "2006-01-02T15:04:05Z"))",
       "error: invalid date format verb \"YYYYY\""},
      {R"(formatdate("x", "2006-01-02T15:04:05Z"))", "error: invalid date format verb \"x\""},
      {R"(formatdate("'open", "2006-01-02T15:04:05Z"))", "error: unterminated literal"},
      {R"(formatdate("YYYY", "2006-01-02 15:04:05Z"))", "error: not a valid RFC 3339 timestamp"},
      {R"(formatdate("YYYY", "2006-02-30T15:04:05Z"))", "error: out of range"},
      {R"(formatdate("YYYY", pending))", "unknown"},
  });
}

TEST(TimeFunctions, TimeaddReadsGoDurations) {
  check_expressions({
      {R"(timeadd("2017-11-22T00:00:00Z", "1h30m"))", R"("2017-11-22T01:30:00Z")"},
      {R"(timeadd("2017-11-22T00:00:00Z", "1.5h"))", R"("2017-11-22T01:30:00Z")"},
      {R"(timeadd("2017-11-22T00:00:00Z", "-2h5m"))", R"("2017-11-21T21:55:00Z")"},
      {R"(timeadd("2017-11-22T00:00:00Z", "24h"))", R"("2017-11-23T00:00:00Z")"},
      {R"(timeadd("2017-11-22T00:00:00Z", "1500ms"))", R"("2017-11-22T00:00:01Z")"},
      {R"(timeadd("2017-11-22T00:00:00Z", "0"))", R"("2017-11-22T00:00:00Z")"},
      {R"(timeadd("2017-12-31T23:00:00-08:00", "1h"))", R"("2018-01-01T00:00:00-08:00")"},
      {R"(timeadd("2017-11-22T00:00:00Z", "10"))", "error: invalid duration \"10\""},
      {R"(timeadd("2017-11-22T00:00:00Z", "1d"))", "error: invalid duration"},
      {R"(timeadd("2017-11-22T00:00:00Z", ""))", "error: invalid duration"},
      {R"(timeadd("yesterday", "1h"))", "error: timeadd(): \"yesterday\" is not a valid RFC 3339"},
      {R"(timecmp("2017-11-22T00:00:00.5Z", "2017-11-22T00:00:00Z"))", "1"},
  });
}

TEST(YamlFunctions, DecodeWithTheCoreSchema) {
  check_expressions({
      {R"(yamldecode("a: 1\nb: [x, 'y', \"2\"]\nc: null\nd: 0x1F\ne: 1.5e3\nf: ~\ng: False"))",
       R"({"a": 1, "b": ["x", "y", "2"], "c": null, "d": 31, "e": 1500, "f": null, "g": false})"},
      {R"(yamldecode("- !!str 12\n- !!int \"7\"\n- 0o17"))", R"(["12", 7, 15])"},
      {R"(yamldecode("key: |\n  line one\n  line two\n"))", R"({"key": "line one\nline two\n"})"},
      {R"(yamldecode(""))", "null"},
      {R"(yamldecode("a: 1\n---\nb: 2"))", "error: only one is allowed"},
      // yaml-cpp 0.7's LoadAll never returns on these (found by fuzz/expression_fuzz.cpp).
      {R"(yamldecode(",a"))", "error: only one is allowed"},
      {R"(yamldecode("!a,b"))", "error: only one is allowed"},
      {R"(yamldecode("a: [1, 2"))", "error: invalid YAML at line"},
      {R"(yamldecode(yamlencode({a = [1, "x"], b = {c = true}})))",
       R"({"a": [1, "x"], "b": {"c": true}})"},
  });
}

}  // namespace
}  // namespace faultbox::expr
