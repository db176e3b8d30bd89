// Proxy lifecycle: bind and accept, publish backend snapshots, stop, and hand out metrics.
#include "elb/proxy.h"

#include <fmt/format.h>
#include <sched.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <future>
#include <string_view>
#include <thread>
#include <utility>

#include "core/event_loop_ring.h"
#include "core/stop_listening.h"
#include "elb/proxy_state.h"

namespace faultbox::elb {
namespace detail {
namespace {

// Past the connection limit: a short 503 instead of a silent queue, then close.
Task<void> refuse(std::shared_ptr<ProxyState> st, Socket socket) {
  static constexpr std::string_view kTooMany =
      "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\n"
      "Content-Length: 48\r\nConnection: close\r\n\r\n"
      "503 Service Unavailable: too many connections.\n\n";
  st->metrics.add(Metric::Elb5xx);
  co_await net::async_write(socket, net::buffer(kTooMany), kNoThrow);
  boost::system::error_code ignored;
  socket.shutdown(tcp::socket::shutdown_both, ignored);
  socket.close(ignored);
}

// A descriptor on its way to another loop, closed if it never arrives (the loop stopped).
struct HandedOver {
  explicit HandedOver(int descriptor) : fd(descriptor) {}
  HandedOver(HandedOver&& other) noexcept : fd(std::exchange(other.fd, -1)) {}
  HandedOver(const HandedOver&) = delete;
  HandedOver& operator=(const HandedOver&) = delete;
  HandedOver& operator=(HandedOver&&) = delete;
  ~HandedOver() {
    if (fd >= 0) {
      ::close(fd);
    }
  }
  int fd;
};

// Moves an accepted connection to `target`'s thread (once per connection, not per request).
void hand_over(std::shared_ptr<ProxyState> st, Socket socket, Loop& target) {
  boost::system::error_code ec;
  HandedOver handed(socket.release(ec));
  if (ec) {
    target.open_connections.fetch_sub(1, std::memory_order_relaxed);
    return;  // `socket` still owns the descriptor and closes it
  }
  net::post(target.ioc, [st = std::move(st), handed = std::move(handed), &target]() mutable {
    Socket arrived(target.ioc.get_executor());
    boost::system::error_code assign_ec;
    if (!st->stopping.load(std::memory_order_relaxed)) {
      arrived.assign(st->protocol, handed.fd, assign_ec);
    }
    if (st->stopping.load(std::memory_order_relaxed) || assign_ec) {
      target.open_connections.fetch_sub(1, std::memory_order_relaxed);
      return;  // `handed` closes the descriptor
    }
    handed.fd = -1;  // the socket owns it now
    start_session(std::move(st), std::move(arrived), target);
  });
}

// Accepts on the loop's listening socket; sessions run on the loop's single thread.
Task<void> accept_loop(std::shared_ptr<ProxyState> st, Loop& loop) {
  for (;;) {
    auto [ec, socket] = co_await loop.acceptor.async_accept(kNoThrow);
    if (st->stopping.load() || ec == net::error::operation_aborted) {
      close_listener(loop.acceptor);
      co_return;
    }
    if (ec) {
      // Out of descriptors and the like: keep serving the connections already open.
      spdlog::warn("load balancer {}: accept failed: {}", st->options.name, ec.message());
      continue;
    }
    if (st->client_connections.load(std::memory_order_relaxed) >=
        st->options.max_client_connections) {
      net::co_spawn(loop.ioc.get_executor(), refuse(st, std::move(socket)), net::detached);
      continue;
    }
    // The kernel spreads connections over the loops' listeners by a hash, which can leave one
    // loop with many more than the other; a connection goes to the emptier loop instead.
    Loop* target = &loop;
    for (Loop* other : st->loops) {
      if (other->open_connections.load(std::memory_order_relaxed) <
          target->open_connections.load(std::memory_order_relaxed)) {
        target = other;
      }
    }
    target->open_connections.fetch_add(1, std::memory_order_relaxed);
    if (target == &loop) {
      start_session(st, std::move(socket), loop);
    } else {
      hand_over(st, std::move(socket), *target);
    }
  }
}

// How often a loop checks its connections' deadlines: a tenth of the shortest timeout, so each
// fires at most 10% late, between 2 ms and 100 ms.
std::chrono::milliseconds sweep_period(const ProxyOptions& o) {
  auto shortest = std::min({o.connect_timeout, o.backend_timeout, o.first_byte_timeout,
                            o.client_idle_timeout, o.header_read_timeout});
  auto period = std::chrono::duration_cast<std::chrono::milliseconds>(shortest) / 10;
  return std::clamp(period, std::chrono::milliseconds(2), std::chrono::milliseconds(100));
}

void schedule_sweep(Loop& loop, std::chrono::milliseconds period,
                    const std::atomic<bool>& stopping) {
  loop.sweep_timer.expires_after(period);
  loop.sweep_timer.async_wait([&loop, period, &stopping](boost::system::error_code ec) {
    if (ec || stopping.load()) {  // cancelled, or the proxy stopped just before
      return;
    }
    loop.watches.sweep(coarse_now());
    schedule_sweep(loop, period, stopping);
  });
}

using ReusePort = net::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;

boost::system::error_code open_listener(Acceptor& acceptor, const tcp::endpoint& endpoint,
                                        bool reuse_port) {
  boost::system::error_code ec;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) {
    acceptor.set_option(net::socket_base::reuse_address(true), ec);
  }
  if (!ec && reuse_port) {
    acceptor.set_option(ReusePort(true), ec);
  }
  if (!ec) {
    acceptor.bind(endpoint, ec);
  }
  if (!ec) {
    acceptor.listen(net::socket_base::max_listen_connections, ec);
  }
  if (ec) {
    boost::system::error_code ignored;
    acceptor.close(ignored);
  }
  return ec;
}

// A loop whose thread waits for `go`: true to run it, false to end. The thread creates the loop,
// so that its io_uring ring (in such builds) is the thread's own (core/event_loop_ring.h).
struct StartingLoop {
  std::unique_ptr<Loop> loop;
  std::promise<bool> go;
};

StartingLoop start_loop_thread(std::size_t index, bool yield_after_large_submissions) {
  StartingLoop starting;
  std::promise<std::unique_ptr<Loop>> made;
  auto made_loop = made.get_future();
  std::thread thread([index, yield_after_large_submissions, made = std::move(made),
                      go = starting.go.get_future()]() mutable {
    EventLoopRingScope own_ring(yield_after_large_submissions);
    Loop* mine = nullptr;
    try {
      auto loop = std::make_unique<Loop>(index);
      mine = loop.get();
      made.set_value(std::move(loop));
    } catch (...) {  // e.g. the system refuses an io_uring ring: the caller reports it
      made.set_exception(std::current_exception());
      return;
    }
    if (go.get()) {
      mine->ioc.run();
      mine->ran_out.set_value();
    }
  });
  try {
    starting.loop = made_loop.get();
  } catch (...) {
    thread.join();
    throw;
  }
  starting.loop->thread = std::move(thread);
  return starting;
}

Result<tcp::endpoint> listen_endpoint(const ProxyOptions& opts) {
  boost::system::error_code ec;
  auto address = net::ip::make_address(opts.address, ec);
  if (ec) {
    return errors::validation(
        fmt::format("load balancer {}: \"{}\" is not an IP address", opts.name, opts.address));
  }
  return tcp::endpoint(address, opts.port);
}

}  // namespace

}  // namespace detail

using detail::ProxyState;
using detail::tcp;
namespace net = detail::net;

bool loops_should_yield(ProxyOptions::Yield yield, std::size_t loops, std::size_t cores) {
  switch (yield) {
    case ProxyOptions::Yield::on:
      return true;
    case ProxyOptions::Yield::off:
      return false;
    case ProxyOptions::Yield::automatic:
      break;
  }
  return loops < cores;
}

namespace {

std::size_t usable_cores() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof(set), &set) == 0) {
    return static_cast<std::size_t>(CPU_COUNT(&set));
  }
  return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

Proxy::Proxy(boost::asio::io_context& /*data_plane*/, ProxyOptions options)
    : state_(std::make_shared<ProxyState>(std::move(options))) {
  state_->loop_count = std::max(1u, state_->options.threads);
}

Proxy::~Proxy() {
  stop();
  // A loop whose listener, timer and connections stop() shut down runs out of work once their
  // cancelled operations complete (the accept loop closes the listener). On io_uring, an
  // operation left in a closed socket is destroyed after the service it needs when the
  // io_context goes (Asio 1.81, chriskohlhoff/asio#1235; seen under ASan), so the loops get
  // that long; one still busy after 2 s is stopped. Destroying a loop (after its thread) frees
  // the state of sessions it still held.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  for (auto& loop : loops_) {
    if (loop->ran_out_future.wait_until(deadline) != std::future_status::ready) {
      loop->ioc.stop();
    }
  }
  for (auto& loop : loops_) {
    if (loop->thread.joinable()) {
      loop->thread.join();
    }
  }
  loops_.clear();
}

Result<void> Proxy::start() {
  auto& st = *state_;
  if (!loops_.empty() || st.stopping.load()) {
    return errors::conflict(
        fmt::format("load balancer {}: the listener was already started", st.options.name));
  }
  FAULTBOX_TRY(endpoint, detail::listen_endpoint(st.options));
  auto cannot_listen = [&st](const boost::system::error_code& ec) {
    return errors::unavailable(fmt::format("load balancer {}: cannot listen on {}:{}: {}",
                                           st.options.name, st.options.address, st.options.port,
                                           ec.message()));
  };
  boost::system::error_code ec;
  // One listening socket per loop on one port; the kernel spreads new connections over them.
  std::vector<detail::StartingLoop> starting;
  auto give_up = [&starting] {
    for (auto& loop : starting) {
      loop.go.set_value(false);
      loop.loop->thread.join();
    }
  };
  const bool yield =
      loops_should_yield(st.options.yield_after_large_submissions, st.loop_count, usable_cores());
  for (std::size_t i = 0; i < st.loop_count; ++i) {
    starting.push_back(detail::start_loop_thread(i, yield));
    auto& acceptor = starting.back().loop->acceptor;
    if (auto failed = detail::open_listener(acceptor, endpoint, st.loop_count > 1)) {
      give_up();
      return cannot_listen(failed);
    }
    endpoint.port(acceptor.local_endpoint(ec).port());  // the others join this port
  }
  st.port = endpoint.port();
  st.protocol = endpoint.protocol();
  for (auto& loop : starting) {
    st.loops.push_back(loop.loop.get());
  }
  const auto period = detail::sweep_period(st.options);
  for (auto& starting_loop : starting) {
    auto& loop = *starting_loop.loop;
    net::co_spawn(loop.ioc, detail::accept_loop(state_, loop), net::detached);
    detail::schedule_sweep(loop, period, st.stopping);  // ProxyState outlives the loops
    starting_loop.go.set_value(true);
    loops_.push_back(std::move(starting_loop.loop));
  }
  return {};
}

void Proxy::stop() {
  auto st = state_;
  if (st->stopping.exchange(true)) {
    return;
  }
  st->routes.store(nullptr);  // idle upstream connections close with the last table holder
  for (auto& loop : loops_) {
    net::post(loop->ioc, [&loop = *loop] {
      stop_listening(loop.acceptor);
      loop.sweep_timer.cancel();
      loop.watches.shut_down_all();  // every client connection of the loop
    });
  }
}

std::uint16_t Proxy::bound_port() const { return state_->port; }

void Proxy::publish(std::shared_ptr<const BackendSnapshot> snapshot) {
  auto& st = *state_;
  if (st.stopping.load()) {
    return;
  }
  auto previous = st.routes.load();
  auto table = std::make_shared<detail::RoutingTable>();
  if (!snapshot) {
    snapshot = std::make_shared<const BackendSnapshot>();
  }
  for (const auto& backend : snapshot->backends) {
    boost::system::error_code ec;
    auto address = net::ip::make_address(backend.address, ec);
    if (ec) {
      spdlog::warn("load balancer {}: backend {} has a bad address \"{}\"", st.options.name,
                   backend.instance_id, backend.address);
      continue;
    }
    tcp::endpoint endpoint(address, backend.port != 0 ? backend.port : st.options.instance_port);
    std::vector<std::shared_ptr<detail::UpstreamPool>> pools;
    std::shared_ptr<detail::PassiveHealth> health;
    for (std::size_t i = 0; previous && i < previous->routes.size(); ++i) {
      if (previous->routes[i].endpoint == endpoint) {
        pools = previous->routes[i].pools;  // keep their warm keep-alive connections
        health = previous->routes[i].health;
      }
    }
    if (pools.empty()) {
      for (std::size_t i = 0; i < st.loop_count; ++i) {
        pools.push_back(std::make_shared<detail::UpstreamPool>(st.options.max_idle_per_backend));
      }
      health = std::make_shared<detail::PassiveHealth>();
    }
    netfault::FlowFault fault;
    for (const auto& f : backend.path_faults) {
      if (f.port == endpoint.port()) fault = f.fault;
    }
    table->routes.push_back({backend, endpoint, std::move(pools), std::move(health), fault});
  }
  st.routes.store(std::move(table));
}

void Proxy::health_check_passed(const std::string& instance_id) {
  auto table = state_->routes.load();
  for (std::size_t i = 0; table && i < table->routes.size(); ++i) {
    if (table->routes[i].backend.instance_id == instance_id) {
      table->routes[i].health->suspect.store(false, std::memory_order_relaxed);
    }
  }
}

ProxyMetrics Proxy::take_metrics() { return state_->metrics.take(); }

}  // namespace faultbox::elb
