// Lab time. Every module reads time from a Clock; tests use ManualClock, the lab runs at --speed N.
#pragma once

#include <chrono>
#include <memory>

namespace faultbox {

using Duration = std::chrono::milliseconds;
using TimePoint = std::chrono::time_point<std::chrono::system_clock, Duration>;

class Clock {
 public:
  virtual ~Clock() = default;
  // Current lab time. At speed N, lab time advances N times faster than wall time.
  virtual TimePoint now() const = 0;
  // How many times faster than wall time the lab runs (1 in tests and by default).
  virtual double speed() const { return 1.0; }
  // The wall-clock duration a lab duration takes at this clock's speed (never below 1 ms).
  Duration to_real(Duration lab) const;
};

// Wall time scaled by a speed factor, anchored at construction.
class LabClock final : public Clock {
 public:
  explicit LabClock(double speed = 1.0);
  TimePoint now() const override;
  // Goes on from `last`, saved at wall time `saved_at`, when that is later than now: the lab's
  // time never runs back across a restart (at --speed N it runs ahead of the wall clock). The
  // wall time since the save counts at this speed, as if the lab had run on: a lab killed after
  // it showed a time later than its last save must not show an earlier one after the restart.
  // Before other threads read the clock.
  void continue_from(TimePoint last, TimePoint saved_at);
  double speed() const override { return speed_; }

 private:
  double speed_;
  TimePoint start_wall_;
  std::chrono::steady_clock::time_point start_steady_;
};

// A clock that moves only when told to; for tests.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start = TimePoint(Duration(1'700'000'000'000))) : now_(start) {}
  TimePoint now() const override { return now_; }
  void advance(Duration d) { now_ += d; }
  void set(TimePoint t) { now_ = t; }

 private:
  TimePoint now_;
};

}  // namespace faultbox
