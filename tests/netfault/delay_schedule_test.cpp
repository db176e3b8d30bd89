// When held packets go: after the delay, spread by the jitter, never before the packet ahead.
#include "netfault/delay_schedule.h"

#include <gtest/gtest.h>

namespace faultbox::netfault {
namespace {

using std::chrono::milliseconds;
const DelaySchedule::Clock::time_point kStart{std::chrono::seconds(1000)};

TEST(DelayScheduleTest, WithoutJitterEachPacketWaitsTheDelay) {
  DelaySchedule schedule(milliseconds(200), milliseconds(0));
  EXPECT_EQ(schedule.release_at(kStart), kStart + milliseconds(200));
  EXPECT_EQ(schedule.release_at(kStart + milliseconds(5)), kStart + milliseconds(205));
}

TEST(DelayScheduleTest, JitterSpreadsTheDelayWithinItsBoundsAndKeepsTheOrder) {
  DelaySchedule schedule(milliseconds(100), milliseconds(30), /*seed=*/7);
  auto previous = DelaySchedule::Clock::time_point{};
  auto earliest = milliseconds::max();
  auto latest = milliseconds::min();
  for (int i = 0; i < 2000; ++i) {
    const auto arrival = kStart + milliseconds(i * 50);  // far enough apart not to queue up
    const auto release = schedule.release_at(arrival);
    EXPECT_GE(release, previous);
    const auto waited = std::chrono::duration_cast<milliseconds>(release - arrival);
    earliest = std::min(earliest, waited);
    latest = std::max(latest, waited);
    previous = release;
  }
  EXPECT_GE(earliest, milliseconds(70));
  EXPECT_LE(latest, milliseconds(130));
  EXPECT_LT(earliest, milliseconds(75));  // the whole spread is used
  EXPECT_GT(latest, milliseconds(125));
}

TEST(DelayScheduleTest, APacketNeverOvertakesTheOneAhead) {
  DelaySchedule schedule(milliseconds(100), milliseconds(50), /*seed=*/3);
  auto previous = DelaySchedule::Clock::time_point{};
  for (int i = 0; i < 1000; ++i) {  // a burst: 1 ms apart, jitter far larger
    const auto release = schedule.release_at(kStart + milliseconds(i));
    EXPECT_GE(release, previous);
    EXPECT_GE(release, kStart + milliseconds(i + 50));
    previous = release;
  }
}

}  // namespace
}  // namespace faultbox::netfault
