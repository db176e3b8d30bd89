#include "net/http_client.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <charconv>
#include <tuple>

#include "core/socket_deadline.h"

namespace faultbox::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

Result<Url> parse_url(const std::string& url) {
  constexpr std::string_view kScheme = "http://";
  if (url.rfind("https://", 0) == 0) {
    return errors::validation("https URLs are not supported by the lab: " + url);
  }
  std::string_view rest = url;
  if (rest.rfind(kScheme, 0) == 0) {
    rest.remove_prefix(kScheme.size());
  }
  Url out;
  auto slash = rest.find('/');
  auto authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) {
    out.target = std::string(rest.substr(slash));
  }
  auto colon = authority.rfind(':');
  out.host = std::string(authority.substr(0, colon));
  if (colon != std::string_view::npos) {
    auto digits = authority.substr(colon + 1);
    unsigned port = 0;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (ec != std::errc() || ptr != digits.data() + digits.size() || port == 0 || port > 65535) {
      return errors::validation("bad port in URL: " + url);
    }
    out.port = static_cast<uint16_t>(port);
  }
  if (out.host.empty()) {
    return errors::validation("URL has no host: " + url);
  }
  return out;
}

namespace {
using asio::awaitable;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

HttpResponse from_wire(http::response<http::string_body>& in) {
  HttpResponse out;
  out.status = static_cast<int>(in.result_int());
  out.content_type = std::string(in[http::field::content_type]);
  for (const auto& field : in) {
    out.headers[to_lower(std::string(field.name_string()))] = std::string(field.value());
  }
  out.body = std::move(in.body());
  return out;
}

// Async so that the deadline bounds every step, connect included.
awaitable<Result<HttpResponse>> exchange(const HttpCall& call, const Url& url) {
  auto executor = co_await asio::this_coro::executor;
  beast::tcp_stream stream(executor);
  SocketDeadline deadline(stream.socket());
  auto where = url.host + ":" + std::to_string(url.port);
  auto fail = [&](const std::string& what, beast::error_code ec) -> Result<HttpResponse> {
    auto why = deadline.expired() ? std::string("timed out") : ec.message();
    return errors::unavailable(what + " " + where + ": " + why);
  };
  deadline.expires_after(call.timeout);
  beast::error_code cec;
  // An address needs no resolver: Asio resolves on a thread of its own, which a loop of
  // thousands of calls a second would pay for every time.
  beast::error_code not_an_address;
  auto address = asio::ip::make_address(url.host, not_an_address);
  if (!not_an_address) {
    std::tie(cec) = co_await stream.async_connect(tcp::endpoint(address, url.port), kTuple);
  } else {
    tcp::resolver resolver(executor);
    auto [rec, endpoints] =
        co_await resolver.async_resolve(url.host, std::to_string(url.port), kTuple);
    if (rec) {
      co_return fail("cannot resolve", rec);
    }
    std::tie(cec, std::ignore) = co_await stream.async_connect(endpoints, kTuple);
  }
  if (cec) {
    co_return fail("cannot connect to", cec);
  }
  http::request<http::string_body> request{http::string_to_verb(call.method), url.target, 11};
  request.set(http::field::host, where);
  request.set(http::field::user_agent, "faultbox");
  for (const auto& [name, value] : call.headers) {
    request.set(name, value);
  }
  request.body() = call.body;
  request.prepare_payload();
  auto [wec, written] = co_await http::async_write(stream, request, kTuple);
  if (wec) {
    co_return fail("cannot send to", wec);
  }
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  auto [rdec, read] = co_await http::async_read(stream, buffer, parser, kTuple);
  if (rdec) {
    co_return fail("no response from", rdec);
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  co_return from_wire(parser.get());
}
}  // namespace

Result<HttpResponse> http_call(const HttpCall& call) {
  FAULTBOX_TRY(url, parse_url(call.url));
  // One event loop per thread for all its calls, not one per call: with io_uring a loop is a
  // ring the kernel sets up and tears down, which cost a traffic loop more than its requests.
  thread_local asio::io_context io;
  io.restart();
  Result<HttpResponse> outcome = errors::internal("request did not complete");
  asio::steady_timer slow(io);
  if (call.on_slow) {
    slow.expires_after(call.slow_after);
    slow.async_wait([&call](beast::error_code ec) {
      if (!ec) {
        call.on_slow();
      }
    });
  }
  asio::co_spawn(io, exchange(call, url), [&](std::exception_ptr e, Result<HttpResponse> r) {
    outcome = e ? Result<HttpResponse>(errors::internal("HTTP client failed")) : std::move(r);
    slow.cancel();
  });
  io.run();
  return outcome;
}

}  // namespace faultbox::net
