// One client connection of the proxy: HTTP/1.1 keep-alive, limits and idle timeout, the
// X-Forwarded-* headers a Classic ELB adds, and the ELB's own 4XX answers to bad requests.
#include <array>
#include <boost/asio/co_spawn.hpp>
#include <exception>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "elb/proxy_state.h"

namespace faultbox::elb::detail {
namespace {

constexpr std::array<std::string_view, 8> kHopByHop = {
    "Connection", "Keep-Alive", "Proxy-Connection",  "Proxy-Authenticate",
    "TE",         "Trailer",    "Transfer-Encoding", "Upgrade"};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

// Keeps the client connection in the registry while it is open, so stop() can close it.
class Registration {
 public:
  Registration(ProxyState& st, const std::shared_ptr<tcp::socket>& stream) : st_(st) {
    st_.client_connections.fetch_add(1, std::memory_order_relaxed);
    std::lock_guard lock(st_.sessions_mutex);
    id_ = st_.next_session++;
    st_.sessions.emplace(id_, stream);
  }
  ~Registration() {
    st_.client_connections.fetch_sub(1, std::memory_order_relaxed);
    std::lock_guard lock(st_.sessions_mutex);
    st_.sessions.erase(id_);
  }
  Registration(const Registration&) = delete;
  Registration& operator=(const Registration&) = delete;

 private:
  ProxyState& st_;
  std::uint64_t id_ = 0;
};

// The ELB's answer to a request it could not read; nothing for a closed or idle connection.
std::optional<http::status> status_for_read_error(const boost::system::error_code& ec) {
  if (ec == http::error::header_limit) {
    return http::status::request_header_fields_too_large;
  }
  if (ec == http::error::body_limit) {
    return http::status::payload_too_large;
  }
  if (ec.category() == http::make_error_code(http::error::bad_method).category() &&
      ec != http::error::end_of_stream && ec != http::error::partial_message) {
    return http::status::bad_request;
  }
  return std::nullopt;
}

void add_forwarded_headers(Request& request, const std::string& client_ip, std::uint16_t port) {
  // A Classic ELB appends the client's address to any X-Forwarded-For the client sent.
  std::string forwarded(request["X-Forwarded-For"]);
  request.set("X-Forwarded-For", forwarded.empty() ? client_ip : forwarded + ", " + client_ip);
  request.set("X-Forwarded-Proto", "http");
  request.set("X-Forwarded-Port", std::to_string(port));
}

void prepare_for_client(Response& response, unsigned version, bool keep_alive, bool head) {
  strip_hop_by_hop(response);
  response.version(version);
  response.keep_alive(keep_alive);
  if (!head) {
    response.prepare_payload();  // HEAD keeps the backend's Content-Length
  }
}

std::string remote_ip(const tcp::socket& socket) {
  boost::system::error_code ec;
  auto endpoint = socket.remote_endpoint(ec);
  return ec ? std::string("unknown") : endpoint.address().to_string();
}

struct Answer {
  Response response;
  unsigned version = 11;  // the client's HTTP version
  bool keep_alive = false;
  bool head = false;
};

// Reads one request and gets its answer: the backend's, or the ELB's own error. Nothing when
// the client closed, idled out or sent a message too broken to answer.
net::awaitable<std::optional<Answer>> next_answer(ProxyState& st, tcp::socket& stream,
                                                  beast::flat_buffer& buffer,
                                                  const std::string& client_ip,
                                                  Deadline& deadline, std::size_t loop) {
  http::request_parser<http::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(st.options.max_header_bytes));
  parser.body_limit(st.options.max_request_body_bytes);
  // Idle between requests up to the idle timeout; once a request has begun, its header must
  // arrive within header_read_timeout, so a client trickling bytes cannot hold the connection.
  boost::system::error_code ec;
  deadline.arm(stream, st.options.header_read_timeout);
  std::size_t n = 0;
  std::tie(ec, n) = co_await http::async_read_header(stream, buffer, parser, kNoThrow);
  bool timed_out = deadline.disarm();
  if (!ec && !parser.is_done()) {
    deadline.arm(stream, st.options.client_idle_timeout);  // a body may take its time
    std::tie(ec, n) = co_await http::async_read(stream, buffer, parser, kNoThrow);
    timed_out = deadline.disarm();
  }
  if (timed_out) {
    co_return std::nullopt;
  }
  if (ec) {
    auto status = status_for_read_error(ec);
    if (!status) {
      co_return std::nullopt;
    }
    st.metrics.add(Metric::Requests);
    st.metrics.add(Metric::Elb4xx);
    co_return Answer{elb_response(*status, 11)};  // and close: the stream is out of step
  }
  st.metrics.add(Metric::Requests);
  Request request = parser.release();
  Answer answer;
  answer.version = request.version();
  answer.keep_alive = request.keep_alive();
  answer.head = request.method() == http::verb::head;
  add_forwarded_headers(request, client_ip, st.port);
  answer.response = co_await forward(st, request, deadline, loop);
  co_return answer;
}

}  // namespace

void strip_hop_by_hop(http::fields& fields) {
  std::string named(fields[http::field::connection]);
  std::string_view rest(named);
  while (!rest.empty()) {
    auto comma = rest.find(',');
    auto token = trim(rest.substr(0, comma));
    if (!token.empty()) {
      fields.erase(token);
    }
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  for (auto name : kHopByHop) {
    fields.erase(name);
  }
}

Response elb_response(http::status status, unsigned version) {
  Response response{status, version};
  response.set(http::field::content_type, "text/plain");
  response.body() = std::to_string(static_cast<unsigned>(status)) + " " +
                    std::string(http::obsolete_reason(status)) + "\n";
  response.prepare_payload();
  return response;
}

namespace {

// A client connection between requests. An idle one is only this and a pending wait for
// readability: no coroutine frame, parser or buffer (10,000 idle keep-alive clients stay cheap).
struct ClientConnection {
  ClientConnection(std::shared_ptr<ProxyState> state, tcp::socket socket, std::size_t loop_index)
      : st(std::move(state)),
        client_ip(remote_ip(socket)),
        stream(std::make_shared<tcp::socket>(std::move(socket))),
        registration(*st, stream),
        deadline(stream->get_executor()),
        loop(loop_index) {}
  ~ClientConnection() {
    boost::system::error_code ignored;
    stream->shutdown(tcp::socket::shutdown_both, ignored);
    stream->close(ignored);
  }
  ClientConnection(const ClientConnection&) = delete;
  ClientConnection& operator=(const ClientConnection&) = delete;

  std::shared_ptr<ProxyState> st;  // first: outlives the registration
  std::string client_ip;
  std::shared_ptr<tcp::socket> stream;  // shared with the registry, so stop() can close it
  Registration registration;
  Deadline deadline;
  beast::flat_buffer buffer;
  std::size_t loop;
};

// Serves the requests that have arrived (pipelined ones too). True: keep the connection.
net::awaitable<bool> serve_ready(std::shared_ptr<ClientConnection> c) {
  auto& st = *c->st;
  do {
    auto answer = co_await next_answer(st, *c->stream, c->buffer, c->client_ip, c->deadline,
                                       c->loop);
    if (!answer) {
      co_return false;
    }
    const bool keep_alive = answer->keep_alive && !st.stopping.load(std::memory_order_relaxed);
    prepare_for_client(answer->response, answer->version, keep_alive, answer->head);
    c->deadline.arm(*c->stream, st.options.client_idle_timeout);
    auto [ec, written] = co_await http::async_write(*c->stream, answer->response, kNoThrow);
    if (c->deadline.disarm() || ec || !keep_alive) {
      co_return false;
    }
  } while (c->buffer.size() > 0);
  co_return !st.stopping.load(std::memory_order_relaxed);
}

// Waits, up to the idle timeout, for the next request to begin, then serves it.
void await_request(std::shared_ptr<ClientConnection> c) {
  c->buffer.shrink_to_fit();
  c->deadline.arm(*c->stream, c->st->options.client_idle_timeout);
  auto& socket = *c->stream;
  socket.async_wait(tcp::socket::wait_read, [c](boost::system::error_code ec) {
    if (c->deadline.disarm() || ec || c->st->stopping.load(std::memory_order_relaxed)) {
      return;  // the last holder of `c` closes the connection
    }
    auto executor = c->stream->get_executor();
    net::co_spawn(executor, serve_ready(c), [c](std::exception_ptr error, bool keep) {
      if (!error && keep) {
        await_request(c);
      }
    });
  });
}

}  // namespace

void start_session(std::shared_ptr<ProxyState> st, tcp::socket socket, std::size_t loop) {
  await_request(std::make_shared<ClientConnection>(std::move(st), std::move(socket), loop));
}

}  // namespace faultbox::elb::detail
