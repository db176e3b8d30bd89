// The workshop's traffic loop, built in: request a URL at a steady pace, print '.' for a 200 and
// 'X' otherwise, stop after a duration or a count (or when asked), and summarise.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <string>

#include "traffic/traffic_stats.h"

namespace faultbox::traffic {

struct TrafficOptions {
  std::string url;
  std::chrono::milliseconds interval{500};  // between requests, per connection
  std::chrono::milliseconds duration{0};    // 0: no time limit
  uint64_t count = 0;                       // 0: no count limit
  unsigned connections = 1;                 // parallel request loops
  std::chrono::milliseconds timeout{5000};  // per request
};

// Runs until the duration or count is reached or `stop` becomes true. `on_result` is called for
// every request (from any of the loops, one at a time) with its HTTP status, 0 for no answer.
TrafficStats run_traffic(const TrafficOptions& options, const std::atomic<bool>& stop,
                         const std::function<void(int status)>& on_result);

}  // namespace faultbox::traffic
