// ISO 8601 durations (parsing and formatting) and instants.
#include "core/iso8601.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <nlohmann/json.hpp>

namespace faultbox {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

TEST(IsoDuration, ParsesTheFormsTemplatesUse) {
  EXPECT_EQ(*parse_iso_duration("PT3M"), minutes(3));
  EXPECT_EQ(*parse_iso_duration("PT1M30S"), seconds(90));
  EXPECT_EQ(*parse_iso_duration("PT0.5S"), milliseconds(500));
  EXPECT_EQ(*parse_iso_duration("P1D"), hours(24));
  EXPECT_EQ(*parse_iso_duration("PT12H"), hours(12));
  EXPECT_EQ(*parse_iso_duration("P1DT2H"), hours(26));
  EXPECT_EQ(*parse_iso_duration("P1W"), hours(24 * 7));
  EXPECT_EQ(*parse_iso_duration("PT1.5H"), minutes(90));
}

TEST(IsoDuration, RejectsBadInputQuotingIt) {
  for (const char* bad : {"", "P", "PT", "3M", "PT3", "PTM", "PT3X", "P1Y", "P2M", "PT1S2M",
                          "PT1.5M30S", "PT1..5S", "pt3m", "PT3M ", "PT1HT2M"}) {
    auto r = parse_iso_duration(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, "ValidationException");
    EXPECT_NE(r.error().message.find("\"" + std::string(bad) + "\""), std::string::npos)
        << r.error().message;
  }
}

TEST(IsoDuration, FormatsShortestForm) {
  EXPECT_EQ(format_iso_duration(minutes(3)), "PT3M");
  EXPECT_EQ(format_iso_duration(seconds(90)), "PT1M30S");
  EXPECT_EQ(format_iso_duration(milliseconds(500)), "PT0.5S");
  EXPECT_EQ(format_iso_duration(hours(24)), "P1D");
  EXPECT_EQ(format_iso_duration(hours(12)), "PT12H");
  EXPECT_EQ(format_iso_duration(milliseconds(0)), "PT0S");
  EXPECT_EQ(format_iso_duration(milliseconds(1250)), "PT1.25S");
}

TEST(IsoDuration, RoundTrips) {
  for (const char* text : {"PT3M", "PT1M30S", "PT0.5S", "P1D", "PT12H", "P2DT3H4M5.006S"}) {
    EXPECT_EQ(format_iso_duration(*parse_iso_duration(text)), text);
  }
}

// Lab instants in these tests: 1,700,000,000 s after the epoch plus `secs`.
TimePoint at(double secs) {
  return TimePoint(Duration(1'700'000'000'000LL + static_cast<long long>(secs * 1000)));
}

TEST(IsoInstant, FormatsInUtcWhateverTzSays) {
  const char* old = std::getenv("TZ");
  const std::string saved = old ? old : "";
  setenv("TZ", "IST-5:30", 1);
  tzset();
  EXPECT_EQ(format_iso8601(at(0.25)), "2023-11-14T22:13:20.250Z");
  EXPECT_EQ(format_iso8601_seconds(at(0.25)), "2023-11-14T22:13:20Z");
  EXPECT_EQ(format_utc_date_time(at(0.25)), "2023-11-14 22:13:20");
  if (old) {
    setenv("TZ", saved.c_str(), 1);
  } else {
    unsetenv("TZ");
  }
  tzset();
}

TEST(IsoDuration, FormatsReportDurations) {
  const std::pair<long long, std::string> cases[] = {
      {0, "PT0S"},
      {250, "PT0.25S"},
      {45'000, "PT45S"},
      {90'500, "PT1M30.5S"},
      {120'000, "PT2M"},
      {7'500'000, "PT2H5M"},
      {3'600'001, "PT1H0.001S"},
      {-5, "PT0S"},
      {181'500, "PT3M1.5S"},
  };
  for (const auto& [ms, want] : cases) {
    EXPECT_EQ(format_iso_duration(Duration(ms)), want) << ms;
  }
}

TEST(IsoInstant, ParsesEpochSecondsAndIsoStrings) {
  using nlohmann::json;
  EXPECT_EQ(instant_from_json(json(1'700'000'000.123)), at(0.123));
  EXPECT_EQ(instant_from_json(json(1'700'000'000)), at(0));
  EXPECT_EQ(instant_from_json(json("2023-11-14T22:13:20Z")), at(0));
  EXPECT_EQ(instant_from_json(json("2023-11-14T22:13:20.5Z")), at(0.5));
  EXPECT_EQ(instant_from_json(json("2023-11-14T22:13:20.123456Z")), at(0.123));
  EXPECT_EQ(instant_from_json(json("2023-11-14T23:43:20+01:30")), at(0));
  EXPECT_EQ(instant_from_json(json("2023-11-14T20:13:20-0200")), at(0));
}

TEST(IsoInstant, RejectsWhatIsNotAnInstant) {
  using nlohmann::json;
  for (const json& bad :
       {json("yesterday"), json("2023-13-01T00:00:00Z"), json("2023-11-14T22:13:20"),
        json("2023-11-14T22:13:20Zjunk"), json(true), json(nullptr), json::object()}) {
    EXPECT_FALSE(instant_from_json(bad).has_value()) << bad.dump();
  }
}

}  // namespace
}  // namespace faultbox
