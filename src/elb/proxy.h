// One listener of a Classic ELB on the data plane: an HTTP/1.1 reverse proxy that spreads
// requests round-robin over the latest published InService backends.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "elb/backend_snapshot.h"
#include "elb/elb_metrics.h"

namespace boost::asio {
class io_context;
}

namespace faultbox::elb {
namespace detail {
struct ProxyState;
struct Loop;
}  // namespace detail

// Durations here are wall-clock (real) time: the caller converts lab durations with
// Clock::to_real, so a lab at --speed N times out N times sooner.
struct ProxyOptions {
  std::string name;  // the load balancer's name, for logs
  std::string address = "127.0.0.1";
  std::uint16_t port = 0;            // 0: any free port (see bound_port)
  std::uint16_t instance_port = 80;  // used for backends published with port 0
  Duration connect_timeout{1'000};   // a refused or timed-out connect: the next instance at once
  Duration backend_timeout{60'000};  // no complete response by then: 504
  // A GET, HEAD or OPTIONS request with no response byte by then is retried on another
  // instance (nothing came back, and the method is safe to repeat), and the silent instance is
  // taken out of rotation until an active check passes. The last instance tried gets the whole
  // backend_timeout, so a slow but alive backend still answers.
  Duration first_byte_timeout{1'000};
  Duration client_idle_timeout{60'000};           // AWS's default connection idle timeout
  Duration header_read_timeout{10'000};           // from a request's first byte to its whole header
  std::size_t max_client_connections = 10'000;    // more at once: 503 and close
  std::size_t max_header_bytes = 16 * 1024;       // larger request headers: 431
  std::size_t max_request_body_bytes = 8u << 20;  // larger bodies: 413
  std::size_t max_response_body_bytes = 64u << 20;
  std::size_t max_idle_per_backend = 64;  // keep-alive upstream connections kept per backend
  // Event loops of the proxy's own (0 counts as 1), one thread each with its own listening socket
  // (SO_REUSEPORT), so a connection, its upstream connections and deadlines stay on one
  // thread: no strands, no locks and no cross-thread wake-ups per request.
  unsigned threads = 0;
  // Whether a loop gives up its core after submitting many reads and writes at once (io_uring
  // builds only, core/event_loop_ring.h). automatic: when there are fewer loops than cores this
  // process may run on, so the loops share cores with the clients and backends they wake.
  enum class Yield { automatic, on, off };
  Yield yield_after_large_submissions = Yield::automatic;
};

// The rule of Yield::automatic, for `loops` event loops and `cores` usable cores.
bool loops_should_yield(ProxyOptions::Yield yield, std::size_t loops, std::size_t cores);

class Proxy final : public BackendSink {
 public:
  // Sessions run on the proxy's own event loops (options.threads); `data_plane`, the lab's
  // shared io_context, is not used by them.
  Proxy(boost::asio::io_context& data_plane, ProxyOptions options);
  ~Proxy() override;
  Proxy(const Proxy&) = delete;
  Proxy& operator=(const Proxy&) = delete;

  // Binds and listens. ValidationException for a bad address; ServiceUnavailable naming the
  // address, port and OS reason when it cannot bind (port in use, no permission). Once only.
  Result<void> start();
  // Closes the listener, idle upstream connections and every client connection. Idempotent.
  void stop();
  // The listening port (the chosen one when options.port was 0); 0 before start().
  std::uint16_t bound_port() const;

  // Swaps the backend set; requests already forwarded finish on their backend. Any thread.
  void publish(std::shared_ptr<const BackendSnapshot> snapshot) override;
  // Puts an instance taken out by a passive check back in rotation. Any thread.
  void health_check_passed(const std::string& instance_id) override;

  // The counts since the previous call, summed over threads. Any thread; meant for once a second.
  ProxyMetrics take_metrics();

 private:
  // Shared with the sessions, so a session finishing after the Proxy is gone stays valid.
  std::shared_ptr<detail::ProxyState> state_;
  // The event loops of options.threads (destroyed, after their threads end, before state_).
  std::vector<std::unique_ptr<detail::Loop>> loops_;
};

}  // namespace faultbox::elb
