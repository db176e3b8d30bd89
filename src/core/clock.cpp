#include "core/clock.h"

namespace faultbox {

Duration Clock::to_real(Duration lab) const {
  auto real = Duration(static_cast<Duration::rep>(static_cast<double>(lab.count()) / speed()));
  return real < Duration(1) ? Duration(1) : real;
}

LabClock::LabClock(double speed)
    : speed_(speed > 0 ? speed : 1.0),
      start_wall_(std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now())),
      start_steady_(std::chrono::steady_clock::now()) {}

TimePoint LabClock::now() const {
  auto real =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_steady_);
  return start_wall_ + Duration(static_cast<Duration::rep>(real.count() * speed_));
}

void LabClock::continue_from(TimePoint last, TimePoint saved_at) {
  auto wall = std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
  if (wall > saved_at) {
    last += Duration(
        static_cast<Duration::rep>(static_cast<double>((wall - saved_at).count()) * speed_));
  }
  auto current = now();
  if (last > current) {
    start_wall_ += last - current;
  }
}

}  // namespace faultbox
