// UTC formatting whatever TZ says, ISO and human durations, and parsing experiment times.
#include "report/time_text.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

#include "report_fixtures.h"

namespace faultbox::report {
namespace {

using testing::at;

// Sets TZ for one test and restores it, so a local-time bug shows up as a wrong hour.
class ForeignTimeZone {
 public:
  explicit ForeignTimeZone(const char* tz) {
    const char* old = std::getenv("TZ");
    had_ = old != nullptr;
    old_ = had_ ? old : "";
    setenv("TZ", tz, 1);
    tzset();
  }
  ~ForeignTimeZone() {
    if (had_) {
      setenv("TZ", old_.c_str(), 1);
    } else {
      unsetenv("TZ");
    }
    tzset();
  }

 private:
  bool had_ = false;
  std::string old_;
};

TEST(TimeTextTest, FormatsInUtcWhateverTzSays) {
  ForeignTimeZone tz("IST-5:30");
  EXPECT_EQ(iso_time(at(0.25)), "2023-11-14T22:13:20.250Z");
  EXPECT_EQ(clock_time(at(0)), "22:13:20");
  EXPECT_EQ(clock_time(at(0), false), "22:13");
  EXPECT_EQ(clock_time(at(7000)), "00:10:00");
}

TEST(TimeTextTest, IsoDurations) {
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
    EXPECT_EQ(iso_duration(Duration(ms)), want) << ms;
  }
}

TEST(TimeTextTest, HumanDurations) {
  const std::pair<long long, std::string> cases[] = {
      {850, "850 ms"},      {45'000, "45 s"},  {90'000, "1m 30s"}, {120'000, "2m"},
      {7'500'000, "2h 5m"}, {3'600'000, "1h"}, {-1, "0 ms"},
  };
  for (const auto& [ms, want] : cases) {
    EXPECT_EQ(human_duration(Duration(ms)), want) << ms;
  }
}

TEST(TimeTextTest, ParsesEpochSecondsAndIsoStrings) {
  using nlohmann::json;
  EXPECT_EQ(parse_time(json(1'700'000'000.123)), at(0.123));
  EXPECT_EQ(parse_time(json(1'700'000'000)), at(0));
  EXPECT_EQ(parse_time(json("2023-11-14T22:13:20Z")), at(0));
  EXPECT_EQ(parse_time(json("2023-11-14T22:13:20.5Z")), at(0.5));
  EXPECT_EQ(parse_time(json("2023-11-14T22:13:20.123456Z")), at(0.123));
  EXPECT_EQ(parse_time(json("2023-11-14T23:43:20+01:30")), at(0));
  EXPECT_EQ(parse_time(json("2023-11-14T20:13:20-0200")), at(0));
}

TEST(TimeTextTest, RejectsWhatIsNotAnInstant) {
  using nlohmann::json;
  for (const json& bad :
       {json("yesterday"), json("2023-13-01T00:00:00Z"), json("2023-11-14T22:13:20"),
        json("2023-11-14T22:13:20Zjunk"), json(true), json(nullptr), json::object()}) {
    EXPECT_FALSE(parse_time(bad).has_value()) << bad.dump();
  }
}

}  // namespace
}  // namespace faultbox::report
