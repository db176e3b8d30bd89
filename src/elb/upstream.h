// Data-plane internals (included by .cpp files only): keep-alive connections to backends and a
// timeout for operations on them. Beast/Asio live here, not in the public headers.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace faultbox::elb::detail {

namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;

// A connection to one backend. A plain socket with no timer of its own, so whichever session
// holds it (on whatever strand) may use it; the pool hands it over under a mutex.
struct Upstream {
  explicit Upstream(const net::any_io_executor& executor) : socket(executor) {}
  tcp::socket socket;
  beast::flat_buffer buffer;
  std::chrono::steady_clock::time_point idle_since;
};

// Idle keep-alive connections to one backend, newest first out.
class UpstreamPool {
 public:
  explicit UpstreamPool(std::size_t max_idle) : max_idle_(max_idle) {}
  // An idle connection, or null. Connections idle too long are dropped on the way.
  std::unique_ptr<Upstream> acquire();
  // Keeps `conn` for reuse, unless the pool is full.
  void release(std::unique_ptr<Upstream> conn);

 private:
  std::mutex mutex_;  // guards idle_; held for a push or a pop only
  std::vector<std::unique_ptr<Upstream>> idle_;
  std::size_t max_idle_;
};

// Cancels a socket's pending operations when time runs out. Its timer runs on the session's
// strand, the same one that awaits the socket, so cancelling never races the awaiting code.
class Deadline {
 public:
  explicit Deadline(const net::any_io_executor& strand);
  ~Deadline();
  Deadline(const Deadline&) = delete;
  Deadline& operator=(const Deadline&) = delete;

  void arm(tcp::socket& socket, std::chrono::milliseconds after);
  // Stops the timer; returns true when it had fired (the operation timed out).
  bool disarm();

 private:
  struct State {
    explicit State(const net::any_io_executor& ex) : timer(ex) {}
    net::steady_timer timer;
    tcp::socket* socket = nullptr;
    std::uint64_t generation = 0;
    bool expired = false;
  };
  std::shared_ptr<State> state_;  // shared with the timer's handler, which may run late
};

}  // namespace faultbox::elb::detail
