// Data-plane internals (included by .cpp files only): the socket types of an event loop,
// keep-alive connections to backends, and deadlines checked lazily by a per-loop sweep.
// Beast/Asio live here, not in the public headers.
#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/basic_socket_acceptor.hpp>
#include <boost/asio/basic_stream_socket.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

namespace faultbox::elb::detail {

namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

// steady_clock's time (CLOCK_MONOTONIC) as of the kernel's last tick: read without the TSC, for
// a fraction of the cost, and at most a tick (1-4 ms) behind. Enough for deadlines and idle
// ages, which several times per request need "now" to the millisecond at best.
SteadyClock::time_point coarse_now();

// Built with Asio's io_uring backend for sockets (BOOST_ASIO_HAS_IO_URING with
// BOOST_ASIO_DISABLE_EPOLL), every read and write is a ring entry, submitted in one batch once
// the loop's ready work is done: sockets stay in blocking mode and nothing is tried at once.
#if defined(BOOST_ASIO_HAS_IO_URING) && defined(BOOST_ASIO_DISABLE_EPOLL)
inline constexpr bool kRingSockets = true;
#else
inline constexpr bool kRingSockets = false;
#endif

// Every socket of the data plane belongs to one single-threaded event loop: the concrete
// executor type spares the type-erased any_io_executor on each operation (and its 48 bytes).
using Executor = net::io_context::executor_type;
using Socket = net::basic_stream_socket<tcp, Executor>;
using Acceptor = net::basic_socket_acceptor<tcp, Executor>;
template <typename T>
using Task = net::awaitable<T, Executor>;
inline constexpr auto kNoThrow = net::as_tuple(net::use_awaitable_t<Executor>{});

// A connection to one backend, owned by one event loop.
struct Upstream {
  explicit Upstream(const Executor& executor) : socket(executor) {}
  Socket socket;
  beast::flat_buffer buffer;
  SteadyClock::time_point idle_since;
};

// Idle keep-alive connections to one backend on one event loop, newest first out.
class UpstreamPool {
 public:
  explicit UpstreamPool(std::size_t max_idle) : max_idle_(max_idle) {}
  // An idle connection, or null. Connections idle too long are dropped on the way.
  std::unique_ptr<Upstream> acquire();
  // Keeps `conn` for reuse, unless the pool is full.
  void release(std::unique_ptr<Upstream> conn);

 private:
  // Uncontended (one loop uses a pool), but the last routing table may be dropped elsewhere.
  std::mutex mutex_;  // guards idle_
  std::vector<std::unique_ptr<Upstream>> idle_;
  std::size_t max_idle_;
};

class WatchList;

// The deadline of whatever one client connection is waiting for (the client's next bytes, a
// backend's connect or answer). Arming stores a time, no timer: the loop's sweep, a few times
// per shortest timeout, cancels the watched socket once that time has passed. So a request costs
// no timer queue operation, and an idle connection holds no timer or pending timer wait.
class Watch {
 public:
  // `home` is the client socket: stop() shuts it down through the list.
  Watch(WatchList& list, Socket& home);
  ~Watch();
  Watch(const Watch&) = delete;
  Watch& operator=(const Watch&) = delete;

  void arm(Socket& socket, std::chrono::milliseconds after);
  // Stops watching; true when the deadline had passed (the wait was cancelled for it).
  bool disarm();

 private:
  friend class WatchList;
  WatchList& list_;
  Socket& home_;
  Watch* prev_ = nullptr;
  Watch* next_ = nullptr;
  Socket* socket_ = nullptr;
  SteadyClock::time_point deadline_{};
  bool expired_ = false;
};

// The watches of one event loop (single-threaded: no lock).
class WatchList {
 public:
  WatchList() = default;
  WatchList(const WatchList&) = delete;
  WatchList& operator=(const WatchList&) = delete;
  // Cancels the watched operation of every watch whose deadline is before `now`.
  void sweep(SteadyClock::time_point now);
  // Shuts down every watch's client socket and cancels what it waits for (the proxy stops).
  void shut_down_all();
  std::size_t size() const { return size_; }

 private:
  friend class Watch;
  Watch* head_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace faultbox::elb::detail

namespace faultbox::elb::detail {

// With epoll, reads go through Asio's reactor: no epoll_ctl per wait (a wait for readability
// costs one). Asio 1.81's reactor tries every read at once before it queues it (only end of
// stream stops that): start a read where bytes are likely (see yield_to_loop), or it fails once
// (EAGAIN) before it is queued. With io_uring (kRingSockets) a read is a ring entry and is never
// tried at once. Appends what arrived to `buffer`.
Task<boost::system::error_code> read_some(Socket& socket, beast::flat_buffer& buffer);
// Resumes after the work already queued on the socket's event loop: a peer's answer that is
// not there yet has that long to arrive before a read tries for it (nothing with io_uring).
Task<void> yield_to_loop(Socket& socket);
// With epoll, writes on a socket in non-blocking mode are tried at once (the send buffer nearly
// always has room) and wait for writability only when the kernel takes nothing. With io_uring
// they are ring entries, sent with the loop's next batch: one system call for many writes, and
// the peers they wake do not preempt the loop halfway through its ready work.
// write_now writes `first` then `second` (a header and a body: one sendmsg in the common case)
// as far as the kernel takes them, without a coroutine: true when all went or the write failed
// (`ec`), false when the rest, left in `first` and `second`, needs write_all (always, with
// io_uring).
bool write_now(Socket& socket, std::string_view& first, std::string_view& second,
               boost::system::error_code& ec);
Task<boost::system::error_code> write_all(Socket& socket, std::string_view first,
                                          std::string_view second);

}  // namespace faultbox::elb::detail
