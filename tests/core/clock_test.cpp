#include "core/clock.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <thread>

#include "core/iso8601.h"

namespace faultbox {
namespace {

TEST(ManualClock, MovesOnlyWhenAdvanced) {
  ManualClock clock;
  auto start = clock.now();
  EXPECT_EQ(clock.now(), start);
  clock.advance(Duration(1500));
  EXPECT_EQ(clock.now() - start, Duration(1500));
}

TEST(Clock, ToRealDividesBySpeedAndNeverReturnsZero) {
  LabClock fast(10.0);
  EXPECT_EQ(fast.to_real(Duration(5000)), Duration(500));
  EXPECT_EQ(fast.to_real(Duration(3)), Duration(1));
  ManualClock normal;
  EXPECT_EQ(normal.to_real(Duration(2000)), Duration(2000));
}

TEST(LabClock, RunsFasterAtHigherSpeed) {
  LabClock fast(50.0);
  auto start = fast.now();
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  // 20 ms of wall time is at least 1 s of lab time at 50x.
  EXPECT_GE(fast.now() - start, Duration(1000));
}

TEST(LabClock, NonPositiveSpeedFallsBackToRealTime) {
  LabClock clock(0.0);
  EXPECT_EQ(clock.speed(), 1.0);
}

TEST(FormatIso8601, PrintsUtcWithMilliseconds) {
  TimePoint t{Duration(1'700'000'000'123)};
  EXPECT_EQ(format_iso8601(t), "2023-11-14T22:13:20.123Z");
}

TEST(FormatIso8601, IgnoresTheLocalTimeZone) {
  ::setenv("TZ", "Asia/Tokyo", 1);
  ::tzset();
  TimePoint t{Duration(1'700'000'000'000)};
  auto text = format_iso8601(t);
  ::unsetenv("TZ");
  ::tzset();
  EXPECT_EQ(text, "2023-11-14T22:13:20.000Z");
}

TimePoint wall_now() {
  return std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
}

TEST(LabClock, ContinuesFromALaterTimeNeverAnEarlierOne) {
  LabClock clock(10.0);
  auto later = clock.now() + std::chrono::minutes(10);
  clock.continue_from(later, wall_now());
  EXPECT_GE(clock.now(), later);
  EXPECT_LT(clock.now(), later + std::chrono::seconds(10));
  auto now = clock.now();
  clock.continue_from(now - std::chrono::hours(1), wall_now());  // the past changes nothing
  EXPECT_GE(clock.now(), now);
}

TEST(LabClock, TheWallTimeSinceTheSaveCountsAtTheLabsSpeed) {
  // Saved 2 s (wall) ago at 10 minutes ahead: at --speed 10 the lab showed up to 20 s more
  // before it was killed, so it goes on from there at least.
  LabClock clock(10.0);
  auto saved = clock.now() + std::chrono::minutes(10);
  clock.continue_from(saved, wall_now() - std::chrono::seconds(2));
  EXPECT_GE(clock.now(), saved + std::chrono::seconds(20));
  EXPECT_LT(clock.now(), saved + std::chrono::seconds(30));
}

}  // namespace
}  // namespace faultbox
