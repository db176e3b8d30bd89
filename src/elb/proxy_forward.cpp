// Forwarding one request: round-robin pick, keep-alive reuse, retry of failed connections on
// the next backend (as a Classic ELB does; safe requests also when an instance stayed silent or
// dropped the connection unanswered), and the ELB's own 502/503/504 answers.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/beast/http/error.hpp>
#include <chrono>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>

#include "elb/proxy_state.h"

namespace faultbox::elb::detail {
namespace {

// Silent: no byte of an answer within first_byte_timeout (only when the request may be retried).
enum class Outcome { Answered, ConnectFailed, Stale, TimedOut, Silent, BadResponse };

struct Exchange {
  Outcome outcome = Outcome::BadResponse;
  bool reusable = false;
  std::chrono::microseconds latency{0};
};

bool closed_by_peer(const boost::system::error_code& ec) {
  return ec == net::error::eof || ec == net::error::connection_reset ||
         ec == net::error::broken_pipe;
}

// The lab's own network faults on the way to the backend (netfault/lab_path_faults.h): waits
// what one step's packets (the handshake, or the request and its answer) would have waited, and
// says how long; nullopt when they would not get through within `budget`, which it then waits
// out, as a client whose packets are dropped does. Waits in slices, so a stopping proxy is not
// held up.
Task<std::optional<std::chrono::milliseconds>> cross_network(ProxyState& st, const Route& route,
                                                             bool handshake,
                                                             std::chrono::milliseconds budget,
                                                             Loop& loop) {
  thread_local std::mt19937 random{std::random_device{}()};
  auto held = netfault::hold_for(route.fault, handshake, random);
  const bool through = held && *held < budget;
  auto left = through ? *held : budget;
  net::basic_waitable_timer<SteadyClock, net::wait_traits<SteadyClock>, Executor> timer(
      loop.ioc.get_executor());
  constexpr std::chrono::milliseconds kSlice{100};
  while (left.count() > 0 && !st.stopping.load(std::memory_order_relaxed)) {
    const auto slice = std::min(left, kSlice);
    timer.expires_after(slice);
    co_await timer.async_wait(kNoThrow);
    left -= slice;
  }
  co_return through ? held : std::nullopt;
}

Task<std::unique_ptr<Upstream>> connect(ProxyState& st, const Route& route, Watch& watch,
                                        Loop& loop) {
  if (route.fault.any() &&
      !co_await cross_network(st, route, true, st.options.connect_timeout, loop)) {
    co_return nullptr;
  }
  auto conn = std::make_unique<Upstream>(loop.ioc.get_executor());
  boost::system::error_code ec;
  conn->socket.open(route.endpoint.protocol(), ec);
  if (!ec) {
    watch.arm(conn->socket, st.options.connect_timeout);
    std::tie(ec) = co_await conn->socket.async_connect(route.endpoint, kNoThrow);
    watch.disarm();
  }
  if (!ec) {
    conn->socket.non_blocking(!kRingSockets, ec);
  }
  if (ec) {
    co_return nullptr;
  }
  conn->socket.set_option(tcp::no_delay(true), ec);
  co_return conn;
}

// One request/response on `conn`. The watch covers the whole exchange; with `may_give_up`, the
// wait for the first byte of the answer is cut to first_byte_timeout.
Task<Exchange> exchange(ProxyState& st, Upstream& conn, const Outgoing& request, Reply& reply,
                        Watch& watch, bool may_give_up) {
  Exchange out;
  const auto started = SteadyClock::now();
  watch.arm(conn.socket, may_give_up ? st.options.first_byte_timeout : st.options.backend_timeout);
  std::string_view head = request.head;
  std::string_view body = request.body;
  boost::system::error_code ec;
  if (!write_now(conn.socket, head, body, ec)) {
    ec = co_await write_all(conn.socket, head, body);
  }
  if (!ec) {
    // The answer is seldom there the moment the request leaves, and Asio's reactor tries a read
    // before it queues one: reading at once mostly fails (EAGAIN). Serving the loop's other
    // ready work first gives the backend that time, so under load the read finds the answer.
    co_await yield_to_loop(conn.socket);
  }
  ResponseReader parser(reply);
  parser.eager(true);
  parser.body_limit(st.options.max_response_body_bytes);
  parser.skip(request.method == http::verb::head);
  bool answered_some = false;
  while (!ec) {
    if (conn.buffer.size() > 0) {
      conn.buffer.consume(parser.put(conn.buffer.data(), ec));
      if (ec == http::error::need_more) {
        ec = {};
      } else if (ec || parser.is_done()) {
        break;
      }
    }
    ec = co_await read_some(conn.socket, conn.buffer);
    if (ec) {
      if (ec == net::error::eof && parser.got_some() && parser.need_eof()) {
        parser.put_eof(ec);  // an answer that ends with the connection
        break;
      }
      break;
    }
    if (!answered_some) {
      answered_some = true;
      out.latency =
          std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - started);
      if (may_give_up) {  // the answer has begun: the rest gets the whole budget
        watch.arm(conn.socket, st.options.backend_timeout);
      }
    }
  }
  const bool expired = watch.disarm();
  if (expired || ec == net::error::operation_aborted) {
    out.outcome = may_give_up && !answered_some ? Outcome::Silent : Outcome::TimedOut;
  } else if (ec) {
    out.outcome = closed_by_peer(ec) && !answered_some ? Outcome::Stale : Outcome::BadResponse;
  } else {
    out.outcome = Outcome::Answered;
    out.reusable = parser.keep_alive() && !parser.need_eof() && conn.buffer.size() == 0;
  }
  co_return out;
}

// Tries one backend: a pooled connection first; if that one turns out closed by the backend,
// a fresh connection (nothing was processed, so resending is safe).
Task<Exchange> try_backend(ProxyState& st, const Route& route, const Outgoing& request,
                           Reply& reply, Watch& watch, bool may_give_up, Loop& loop) {
  auto& pool = *route.pools[loop.index % route.pools.size()];
  auto conn = pool.acquire();
  bool reused = conn != nullptr;
  for (;;) {
    if (!conn) {
      conn = co_await connect(st, route, watch, loop);
      if (!conn) {
        co_return Exchange{Outcome::ConnectFailed, false, {}};
      }
    }
    std::chrono::milliseconds held{0};
    if (route.fault.any()) {
      auto crossed = co_await cross_network(
          st, route, false,
          may_give_up ? st.options.first_byte_timeout : st.options.backend_timeout, loop);
      if (!crossed) {
        co_return Exchange{may_give_up ? Outcome::Silent : Outcome::TimedOut, false, {}};
      }
      held = *crossed;
    }
    auto result = co_await exchange(st, *conn, request, reply, watch, may_give_up);
    result.latency += held;
    if (result.outcome == Outcome::Stale && reused) {
      reused = false;
      conn.reset();
      continue;
    }
    if (result.reusable && !st.stopping.load(std::memory_order_relaxed)) {
      pool.release(std::move(conn));
    }
    co_return result;
  }
}

void count_backend_status(MetricShards& metrics, unsigned status) {
  if (status >= 200 && status < 300) {
    metrics.add(Metric::Backend2xx);
  } else if (status >= 300 && status < 400) {
    metrics.add(Metric::Backend3xx);
  } else if (status >= 400 && status < 500) {
    metrics.add(Metric::Backend4xx);
  } else if (status >= 500) {
    metrics.add(Metric::Backend5xx);
  }
}

// Methods that change nothing on the server (RFC 9110 safe methods): repeating one elsewhere
// after the first backend stayed silent cannot do harm.
bool safe_to_repeat(http::verb m) {
  return m == http::verb::get || m == http::verb::head || m == http::verb::options;
}

// Passive check: takes the instance out of rotation until an active check passes.
void suspect(ProxyState& st, const Route& route, std::string_view why) {
  if (!route.health->suspect.exchange(true, std::memory_order_relaxed)) {
    spdlog::warn("load balancer {}: {} ({}) out of rotation until a health check passes: {}",
                 st.options.name, route.backend.instance_id, route.backend.address, why);
  }
}

void elb_error(ProxyState& st, Reply& reply, http::status status) {
  st.metrics.add(Metric::Elb5xx);
  elb_reply(reply, status);
}

}  // namespace

Task<void> forward(ProxyState& st, Outgoing& request, Reply& reply, Watch& watch, Loop& loop) {
  auto table = st.routes.load();
  if (!table || table->routes.empty()) {
    elb_error(st, reply, http::status::service_unavailable);
    co_return;
  }
  const auto& routes = table->routes;
  const std::size_t n = routes.size();
  // Instances out of rotation (passive checks) are tried only when every instance is.
  std::size_t in_rotation = 0;
  for (const auto& route : routes) {
    in_rotation += route.health->suspect.load(std::memory_order_relaxed) ? 0 : 1;
  }
  const bool all_suspect = in_rotation == 0;
  const std::size_t candidates = all_suspect ? n : in_rotation;
  const bool repeatable = safe_to_repeat(request.method);
  const auto start = loop.next_route++;
  std::size_t tried = 0;
  bool gave_up = false;
  for (std::size_t i = 0; i < n && tried < candidates; ++i) {
    const auto& route = routes[(start + i) % n];
    if (!all_suspect && route.health->suspect.load(std::memory_order_relaxed)) {
      continue;
    }
    ++tried;
    const bool may_give_up = repeatable && tried < candidates;
    auto result = co_await try_backend(st, route, request, reply, watch, may_give_up, loop);
    switch (result.outcome) {
      case Outcome::ConnectFailed:
        st.metrics.add(Metric::BackendConnectionErrors);
        suspect(st, route, "connection failed");
        continue;
      case Outcome::Silent:
        gave_up = true;
        suspect(st, route, "no answer within the first-byte timeout");
        continue;
      case Outcome::Answered:
        if (route.health->suspect.load(std::memory_order_relaxed)) {
          route.health->suspect.store(false, std::memory_order_relaxed);
        }
        count_backend_status(st.metrics, reply.status);
        st.metrics.observe_latency(result.latency);
        co_return;
      case Outcome::TimedOut:
        suspect(st, route, "timed out");
        elb_error(st, reply, http::status::gateway_timeout);
        co_return;
      case Outcome::Stale:
        // A fresh connection closed before any answer: the instance died with the request on
        // it (kill -9), or is going. A safe request goes to the next instance, as a client's
        // retry would; anything else may have been acted on.
        if (repeatable && tried < candidates) {
          suspect(st, route, "closed the connection without answering");
          continue;
        }
        elb_error(st, reply, http::status::bad_gateway);
        co_return;
      case Outcome::BadResponse:
        elb_error(st, reply, http::status::bad_gateway);
        co_return;
    }
  }
  elb_error(st, reply, gave_up ? http::status::gateway_timeout : http::status::service_unavailable);
}

}  // namespace faultbox::elb::detail
