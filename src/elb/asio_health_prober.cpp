// Health checks on the data plane. A Classic ELB counts an HTTP check as passed only on status
// 200 within the timeout; a TCP check passes when the connection opens.
#include "elb/asio_health_prober.h"

#include <fmt/format.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <exception>
#include <optional>
#include <random>
#include <utility>

#include "core/socket_deadline.h"

namespace faultbox::elb {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
constexpr auto kNoThrow = net::as_tuple(net::use_awaitable);
constexpr std::string_view kUserAgent = "ELB-HealthChecker/1.0";
constexpr unsigned kHealthyStatus = 200;

// The probe's one budget for connect, request and response.
struct Budget {
  Duration timeout;
  const SocketDeadline<tcp::socket>& deadline;
};

ProbeResult failed(const boost::system::error_code& ec, std::string_view step,
                   const Budget& budget) {
  if (budget.deadline.expired()) {
    return {false, fmt::format("{} timed out after {} ms", step, budget.timeout.count())};
  }
  return {false, fmt::format("{} failed: {}", step, ec.message())};
}

net::awaitable<ProbeResult> http_check(beast::tcp_stream& stream, const ProbeRequest& request,
                                       const Budget& budget) {
  http::request<http::empty_body> get{http::verb::get, request.target.path, 11};
  get.set(http::field::host, fmt::format("{}:{}", request.address, request.target.port));
  get.set(http::field::user_agent, kUserAgent);
  get.set(http::field::accept, "*/*");
  get.keep_alive(false);
  auto [write_ec, written] = co_await http::async_write(stream, get, kNoThrow);
  if (write_ec) {
    co_return failed(write_ec, "sending the request", budget);
  }
  // Only the status matters, so the body is never read.
  beast::flat_buffer buffer;
  http::response_parser<http::empty_body> parser;
  auto [read_ec, read] = co_await http::async_read_header(stream, buffer, parser, kNoThrow);
  if (read_ec) {
    co_return failed(read_ec, "reading the response", budget);
  }
  const unsigned status = parser.get().result_int();
  co_return ProbeResult{status == kHealthyStatus, fmt::format("HTTP {}", status)};
}

// The lab's own network faults on the way to the instance (netfault/lab_path_faults.h), waited
// before the probe's packets leave: the handshake's wait and, for HTTP, the request's. The step
// that would not get through within `timeout` (after waiting it out), or nothing, and then
// `timeout` is what is left of it.
net::awaitable<std::optional<std::string_view>> cross_network(const ProbeRequest& request,
                                                              Duration& timeout) {
  thread_local std::mt19937 random{std::random_device{}()};
  std::optional<std::string_view> stuck;
  Duration held{0};
  if (auto handshake = netfault::hold_for(request.fault, true, random);
      handshake && *handshake < timeout) {
    held = *handshake;
  } else {
    stuck = "connecting";
  }
  if (!stuck && request.target.protocol == HealthCheckProtocol::Http) {
    auto exchange = netfault::hold_for(request.fault, false, random);
    if (exchange && held + *exchange < timeout) {
      held += *exchange;
    } else {
      stuck = "reading the response";
    }
  }
  net::steady_timer timer(co_await net::this_coro::executor);
  timer.expires_after(stuck ? timeout : held);
  co_await timer.async_wait(kNoThrow);
  timeout -= held;
  co_return stuck;
}

net::awaitable<ProbeResult> run_probe(ProbeRequest request, Duration timeout) {
  boost::system::error_code ec;
  if (request.fault.any()) {
    if (auto stuck = co_await cross_network(request, timeout)) {
      co_return ProbeResult{
          false, fmt::format("{} timed out after {} ms", *stuck, request.timeout.count())};
    }
  }
  auto address = net::ip::make_address(request.address, ec);
  if (ec) {
    co_return ProbeResult{false, fmt::format("\"{}\" is not an IP address", request.address)};
  }
  beast::tcp_stream stream(co_await net::this_coro::executor);
  SocketDeadline deadline(stream.socket());
  deadline.expires_after(timeout);
  const Budget budget{timeout, deadline};
  auto [connect_ec] =
      co_await stream.async_connect(tcp::endpoint(address, request.target.port), kNoThrow);
  if (connect_ec) {
    co_return failed(connect_ec, "connecting", budget);
  }
  if (request.target.protocol == HealthCheckProtocol::Tcp) {
    co_return ProbeResult{true, "connected"};
  }
  if (request.target.protocol != HealthCheckProtocol::Http) {
    co_return ProbeResult{false, fmt::format("{} checks are not supported by the lab",
                                             protocol_name(request.target.protocol))};
  }
  auto result = co_await http_check(stream, request, budget);
  stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  co_return result;
}

}  // namespace

AsioHealthProber::AsioHealthProber(boost::asio::io_context& data_plane,
                                   boost::asio::io_context& control, const Clock& clock)
    : data_plane_(data_plane), control_(control), clock_(clock) {}

void AsioHealthProber::probe(const ProbeRequest& request, std::function<void(ProbeResult)> done) {
  auto timeout = clock_.to_real(request.timeout);
  auto& control = control_;
  net::co_spawn(net::make_strand(data_plane_), run_probe(request, timeout),
                [&control, done = std::move(done)](std::exception_ptr error, ProbeResult result) {
                  if (error) {
                    result = {false, "internal error while probing"};
                  }
                  net::post(control, [done, result = std::move(result)] { done(result); });
                });
}

}  // namespace faultbox::elb
