// Clock labels in UTC whatever TZ says, and human durations (ISO 8601 is core/iso8601).
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
  EXPECT_EQ(clock_time(at(0)), "22:13:20");
  EXPECT_EQ(clock_time(at(0), false), "22:13");
  EXPECT_EQ(clock_time(at(7000)), "00:10:00");
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

}  // namespace
}  // namespace faultbox::report
