#include "netfault/delay_schedule.h"

#include <algorithm>

namespace faultbox::netfault {

DelaySchedule::DelaySchedule(std::chrono::milliseconds delay, std::chrono::milliseconds jitter,
                             std::uint64_t seed)
    : delay_(delay), jitter_(jitter), rng_(seed) {}

DelaySchedule::Clock::time_point DelaySchedule::release_at(Clock::time_point arrival) {
  auto wait = std::chrono::duration_cast<Clock::duration>(delay_);
  if (jitter_.count() > 0) {
    const auto spread = std::chrono::duration_cast<std::chrono::microseconds>(jitter_).count();
    std::uniform_int_distribution<long long> draw(-spread, spread);
    wait += std::chrono::microseconds(draw(rng_));
  }
  last_ = std::max(last_, arrival + wait);
  return last_;
}

}  // namespace faultbox::netfault
