// When each held packet of one delay rule goes: its arrival plus the delay, plus or minus a
// uniformly drawn jitter, and never before the packet ahead of it, so that a flow's packets stay
// in order (TCP would take reordered segments for losses and slow down far beyond the delay).
#pragma once

#include <chrono>
#include <random>

namespace faultbox::netfault {

class DelaySchedule {
 public:
  using Clock = std::chrono::steady_clock;
  DelaySchedule(std::chrono::milliseconds delay, std::chrono::milliseconds jitter,
                std::uint64_t seed = std::random_device{}());

  // The moment a packet that arrived at `arrival` is let go.
  Clock::time_point release_at(Clock::time_point arrival);

  std::chrono::milliseconds delay() const { return delay_; }
  std::chrono::milliseconds jitter() const { return jitter_; }

 private:
  std::chrono::milliseconds delay_;
  std::chrono::milliseconds jitter_;
  std::mt19937_64 rng_;
  Clock::time_point last_{};
};

}  // namespace faultbox::netfault
