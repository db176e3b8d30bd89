// Forwarding one request: round-robin pick, keep-alive reuse, retry of failed connections on
// the next backend (as a Classic ELB does), and the ELB's own 502/503/504 answers.
#include <spdlog/spdlog.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <chrono>
#include <string>
#include <string_view>
#include <utility>

#include "elb/proxy_state.h"

namespace faultbox::elb::detail {
namespace {

using Clock = std::chrono::steady_clock;

// Silent: no byte of an answer within first_byte_timeout (only when the request may be retried).
enum class Outcome { Answered, ConnectFailed, Stale, TimedOut, Silent, BadResponse };

struct Exchange {
  Outcome outcome = Outcome::BadResponse;
  Response response;
  bool reusable = false;
  std::chrono::microseconds latency{0};
};

bool closed_by_peer(const boost::system::error_code& ec) {
  return ec == http::error::end_of_stream || ec == net::error::eof ||
         ec == net::error::connection_reset || ec == net::error::broken_pipe;
}

net::awaitable<std::unique_ptr<Upstream>> connect(ProxyState& st, const Route& route,
                                                  Deadline& deadline) {
  auto conn = std::make_unique<Upstream>(co_await net::this_coro::executor);
  boost::system::error_code ec;
  conn->socket.open(route.endpoint.protocol(), ec);
  if (!ec) {
    deadline.arm(conn->socket, st.options.connect_timeout);
    std::tie(ec) = co_await conn->socket.async_connect(route.endpoint, kNoThrow);
    deadline.disarm();
  }
  if (ec) {
    co_return nullptr;
  }
  conn->socket.set_option(tcp::no_delay(true), ec);
  co_return conn;
}

// One request/response on `conn`. The deadline covers the whole exchange; with `may_give_up`,
// the wait for the first byte of the answer is cut to first_byte_timeout.
net::awaitable<Exchange> exchange(ProxyState& st, Upstream& conn, Request& request,
                                  Deadline& deadline, bool may_give_up) {
  Exchange out;
  auto started = Clock::now();
  deadline.arm(conn.socket,
               may_give_up ? st.options.first_byte_timeout : st.options.backend_timeout);
  auto [ec, written] = co_await http::async_write(conn.socket, request, kNoThrow);
  http::response_parser<http::string_body> parser;
  parser.body_limit(st.options.max_response_body_bytes);
  parser.skip(request.method() == http::verb::head);
  if (!ec) {
    std::size_t n = 0;
    std::tie(ec, n) = co_await http::async_read_header(conn.socket, conn.buffer, parser, kNoThrow);
    out.latency = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started);
  }
  if (ec && may_give_up && deadline.disarm() && !parser.got_some() && conn.buffer.size() == 0) {
    out.outcome = Outcome::Silent;
    co_return out;
  }
  if (!ec && !parser.is_done()) {
    if (may_give_up) {  // the answer has begun: the body gets the whole budget
      deadline.disarm();
      deadline.arm(conn.socket, st.options.backend_timeout);
    }
    std::size_t n = 0;
    std::tie(ec, n) = co_await http::async_read(conn.socket, conn.buffer, parser, kNoThrow);
  }
  bool timed_out = deadline.disarm() || ec == net::error::operation_aborted;
  if (timed_out) {
    out.outcome = Outcome::TimedOut;
  } else if (ec) {
    out.outcome = closed_by_peer(ec) ? Outcome::Stale : Outcome::BadResponse;
  } else {
    out.outcome = Outcome::Answered;
    out.response = parser.release();
    out.reusable = out.response.keep_alive() && !out.response.need_eof() && conn.buffer.size() == 0;
  }
  co_return out;
}

// Tries one backend: a pooled connection first; if that one turns out closed by the backend,
// a fresh connection (nothing was processed, so resending is safe).
net::awaitable<Exchange> try_backend(ProxyState& st, const Route& route, Request& request,
                                     Deadline& deadline, bool may_give_up, std::size_t loop) {
  auto& pool = *route.pools[loop % route.pools.size()];
  auto conn = pool.acquire();
  bool reused = conn != nullptr;
  for (;;) {
    if (!conn) {
      conn = co_await connect(st, route, deadline);
      if (!conn) {
        co_return Exchange{Outcome::ConnectFailed, {}, false, {}};
      }
    }
    auto result = co_await exchange(st, *conn, request, deadline, may_give_up);
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
bool safe_to_repeat(const Request& request) {
  auto m = request.method();
  return m == http::verb::get || m == http::verb::head || m == http::verb::options;
}

// Passive check: takes the instance out of rotation until an active check passes.
void suspect(ProxyState& st, const Route& route, std::string_view why) {
  if (!route.health->suspect.exchange(true, std::memory_order_relaxed)) {
    spdlog::warn("load balancer {}: {} ({}) out of rotation until a health check passes: {}",
                 st.options.name, route.backend.instance_id, route.backend.address, why);
  }
}

Response elb_error(ProxyState& st, http::status status, unsigned version) {
  st.metrics.add(Metric::Elb5xx);
  return elb_response(status, version);
}

}  // namespace

net::awaitable<Response> forward(ProxyState& st, Request& request, Deadline& deadline,
                                 std::size_t loop) {
  const unsigned client_version = request.version();
  auto table = st.routes.load();
  if (!table || table->routes.empty()) {
    co_return elb_error(st, http::status::service_unavailable, client_version);
  }
  strip_hop_by_hop(request);
  request.version(11);
  request.keep_alive(true);
  request.prepare_payload();

  const auto& routes = table->routes;
  const std::size_t n = routes.size();
  // Instances out of rotation (passive checks) are tried only when every instance is.
  std::size_t in_rotation = 0;
  for (const auto& route : routes) {
    in_rotation += route.health->suspect.load(std::memory_order_relaxed) ? 0 : 1;
  }
  const bool all_suspect = in_rotation == 0;
  const std::size_t candidates = all_suspect ? n : in_rotation;
  const bool repeatable = safe_to_repeat(request);
  const auto start = st.next_route.fetch_add(1, std::memory_order_relaxed);
  std::size_t tried = 0;
  bool gave_up = false;
  for (std::size_t i = 0; i < n && tried < candidates; ++i) {
    const auto& route = routes[(start + i) % n];
    if (!all_suspect && route.health->suspect.load(std::memory_order_relaxed)) {
      continue;
    }
    ++tried;
    const bool may_give_up = repeatable && tried < candidates;
    auto result = co_await try_backend(st, route, request, deadline, may_give_up, loop);
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
        route.health->suspect.store(false, std::memory_order_relaxed);
        count_backend_status(st.metrics, result.response.result_int());
        st.metrics.observe_latency(result.latency);
        co_return std::move(result.response);
      case Outcome::TimedOut:
        suspect(st, route, "timed out");
        co_return elb_error(st, http::status::gateway_timeout, client_version);
      case Outcome::Stale:
      case Outcome::BadResponse:
        co_return elb_error(st, http::status::bad_gateway, client_version);
    }
  }
  co_return elb_error(st, gave_up ? http::status::gateway_timeout : http::status::service_unavailable,
                      client_version);
}

}  // namespace faultbox::elb::detail
