#include "traffic/traffic_loop.h"

#include <mutex>
#include <thread>
#include <vector>

#include "net/http_client.h"

namespace faultbox::traffic {

namespace {
using Clock = std::chrono::steady_clock;

struct Shared {
  const TrafficOptions& options;
  const std::atomic<bool>& stop;
  const std::function<void(int)>& on_result;
  Clock::time_point deadline;
  std::atomic<uint64_t> issued{0};
  std::mutex mutex;  // guards stats and on_result: one result at a time
  TrafficStats stats;

  bool should_stop() const {
    if (stop.load()) {
      return true;
    }
    if (options.duration.count() > 0 && Clock::now() >= deadline) {
      return true;
    }
    return false;
  }
};

void request_loop(Shared& shared) {
  auto next = Clock::now();
  while (!shared.should_stop()) {
    if (shared.options.count > 0 && shared.issued.fetch_add(1) >= shared.options.count) {
      return;
    }
    auto started = Clock::now();
    auto answer = net::http_call({.url = shared.options.url, .timeout = shared.options.timeout});
    auto latency = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started);
    int status = answer ? answer->status : 0;
    {
      std::lock_guard lock(shared.mutex);
      shared.stats.record(status, latency);
      shared.on_result(status);
    }
    next += shared.options.interval;
    // Sleep in short slices so that a stop request is seen quickly.
    while (Clock::now() < next && !shared.should_stop()) {
      std::this_thread::sleep_for(
          std::min<Clock::duration>(next - Clock::now(), std::chrono::milliseconds(50)));
    }
  }
}
}  // namespace

TrafficStats run_traffic(const TrafficOptions& options, const std::atomic<bool>& stop,
                         const std::function<void(int status)>& on_result) {
  Shared shared{options, stop, on_result, Clock::now() + options.duration};
  std::vector<std::thread> loops;
  for (unsigned i = 1; i < std::max(1u, options.connections); ++i) {
    loops.emplace_back([&shared] { request_loop(shared); });
  }
  request_loop(shared);
  for (auto& t : loops) {
    t.join();
  }
  return shared.stats;
}

}  // namespace faultbox::traffic
