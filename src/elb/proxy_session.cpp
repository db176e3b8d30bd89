// One client connection of the proxy: HTTP/1.1 keep-alive, limits and idle timeout, the
// X-Forwarded-* headers a Classic ELB adds, and the ELB's own 4XX answers to bad requests.
#include <array>
#include <boost/asio/bind_allocator.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/beast/http/error.hpp>
#include <cstdint>
#include <cstring>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "core/plain_allocator.h"
#include "elb/proxy_state.h"

namespace faultbox::elb::detail {
namespace {

// Spare Work kept per loop, and the largest buffer kept in it: enough that the swings in the
// number of requests a loop serves at once (tens under a benchmark's 50 connections) do not
// free Work only to allocate it again, without keeping a burst's memory: ~6 KB per Work after
// small requests, at most 6 buffers x 16 KB after large ones (6 MB per loop at worst).
constexpr std::size_t kMaxSpareWork = 64;
constexpr std::size_t kMaxSpareCapacity = 16 * 1024;

// The ELB's answer to a request it could not parse; nothing for a closed or idle connection.
std::optional<http::status> status_for_parse_error(const boost::system::error_code& ec) {
  if (ec == http::error::header_limit) {
    return http::status::request_header_fields_too_large;
  }
  if (ec == http::error::body_limit) {
    return http::status::payload_too_large;
  }
  if (ec.category() == http::make_error_code(http::error::bad_method).category()) {
    return http::status::bad_request;
  }
  return std::nullopt;
}

std::string remote_ip(const Socket& socket) {
  boost::system::error_code ec;
  auto endpoint = socket.remote_endpoint(ec);
  return ec ? std::string("unknown") : endpoint.address().to_string();
}

template <typename String>
void trim_capacity(String& s) {
  s.clear();
  if (s.capacity() > kMaxSpareCapacity) {
    s.shrink_to_fit();
  }
}

// A client connection. Between requests it is only this and a pending read into its landing
// array: no coroutine frame, parser, buffer or timer (10,000 idle keep-alive clients stay cheap).
struct ClientConnection {
  ClientConnection(ProxyState& state, Socket client, Loop& home)
      : st(state),
        loop(home),
        socket(std::move(client)),
        client_ip(remote_ip(socket)),
        watch(loop.watches, socket) {
    st.client_connections.fetch_add(1, std::memory_order_relaxed);
  }
  ~ClientConnection() {
    st.client_connections.fetch_sub(1, std::memory_order_relaxed);
    loop.open_connections.fetch_sub(1, std::memory_order_relaxed);
    close();
    if (work) {
      loop.give_back(std::move(work));
    }
  }
  ClientConnection(const ClientConnection&) = delete;
  ClientConnection& operator=(const ClientConnection&) = delete;

  void close() {
    boost::system::error_code ignored;
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
  }

  ProxyState& st;  // outlives the loops, whose io_contexts destroy their connections
  Loop& loop;
  Socket socket;
  std::string client_ip;
  Watch watch;                 // after the socket it watches
  std::unique_ptr<Work> work;  // only while serving
  // An idle connection waits for its next request with a read into this small array rather
  // than a wait for readability (which costs an epoll_ctl each time): a short request arrives
  // whole in it, a longer one continues in the Work's buffer. 88 bytes hold the requests of
  // wrk, curl and the lab's own traffic, and keep the connection within a 272-byte allocation
  // (with make_shared's counts): 10,000 idle clients cost 0.5 MB less than with 128.
  std::array<char, 88> landing{};
  std::uint8_t landed = 0;
};
static_assert(sizeof(ClientConnection) <= 248, "an idle connection grew: see `landing`");

void serve(std::shared_ptr<ClientConnection> c);

// Idle: waits, up to the idle timeout, for the next request to begin, then serves it.
void await_request(std::shared_ptr<ClientConnection> c) {
  c->watch.arm(c->socket, c->st.options.client_idle_timeout);
  auto& socket = c->socket;
  auto landing = net::buffer(c->landing);  // before `c` moves into the handler
  // The read may wait for a long time, so it gets memory of its own size: by default Asio would
  // hand it the block the answer's write just freed, half as large again (10,000 idle clients:
  // 1 MB; bench/RESULTS.md, session 13).
  socket.async_read_some(
      landing,
      net::bind_allocator(PlainAllocator<void>(), [c = std::move(c)](boost::system::error_code ec,
                                                                     std::size_t n) mutable {
        if (c->watch.disarm() || ec || c->st.stopping.load(std::memory_order_relaxed)) {
          return;  // idle timeout, closed or stopping: the last holder of `c` closes the connection
        }
        c->landed = static_cast<std::uint8_t>(n);
        serve(std::move(c));
      }));
}

enum class ReadOutcome { Complete, Closed, Invalid };

// Reads one request into work.request. Up to the idle timeout for its first byte; once a
// request has begun, its header must arrive within header_read_timeout, so a client trickling
// bytes cannot hold the connection.
Task<ReadOutcome> read_request(ClientConnection& c, RequestReader& parser,
                               boost::system::error_code& parse_error) {
  const auto& options = c.st.options;
  auto& input = c.work->input;
  if (c.landed > 0) {
    auto space = input.prepare(c.landed);
    std::memcpy(space.data(), c.landing.data(), c.landed);
    input.commit(c.landed);
    c.landed = 0;
  }
  bool begun = input.size() > 0;
  c.watch.arm(c.socket, begun ? options.header_read_timeout : options.client_idle_timeout);
  bool header_done = false;
  for (;;) {
    if (input.size() > 0) {
      if (!begun) {
        begun = true;
        c.watch.arm(c.socket, options.header_read_timeout);
      }
      boost::system::error_code ec;
      input.consume(parser.put(input.data(), ec));
      if (ec && ec != http::error::need_more) {
        c.watch.disarm();
        parse_error = ec;
        co_return ReadOutcome::Invalid;
      }
      if (parser.is_done()) {
        c.watch.disarm();
        co_return ReadOutcome::Complete;
      }
      if (!header_done && parser.is_header_done()) {
        header_done = true;
        c.watch.arm(c.socket, options.client_idle_timeout);  // a body may take its time
      }
    }
    if (co_await read_some(c.socket,
                           input)) {  // closed, reset, timed out or stopped: nothing to answer
      c.watch.disarm();
      co_return ReadOutcome::Closed;
    }
  }
}

// Serves the requests that have arrived (pipelined ones too). True: keep the connection.
Task<bool> serve_ready(std::shared_ptr<ClientConnection> conn) {
  auto& c = *conn;
  auto& st = c.st;
  if (!c.work) {
    c.work = c.loop.take_work();
  }
  auto& work = *c.work;
  for (;;) {
    RequestReader parser(work.request);
    parser.eager(true);
    parser.header_limit(static_cast<std::uint32_t>(st.options.max_header_bytes));
    parser.body_limit(st.options.max_request_body_bytes);
    boost::system::error_code parse_error;
    auto outcome = co_await read_request(c, parser, parse_error);
    if (outcome == ReadOutcome::Closed) {
      c.close();
      co_return false;
    }
    st.metrics.add(Metric::Requests);
    unsigned version = 11;
    bool keep_alive = false;
    bool head_request = false;
    if (outcome == ReadOutcome::Invalid) {
      auto status = status_for_parse_error(parse_error);
      if (!status) {
        c.close();
        co_return false;
      }
      st.metrics.add(Metric::Elb4xx);
      elb_reply(work.reply, *status);  // and close: the stream is out of step
    } else {
      version = work.request.version;
      keep_alive = parser.keep_alive();
      head_request = work.request.method == http::verb::head;
      finish_outgoing_head(work.request, c.client_ip, st.port);
      co_await forward(st, work.request, work.reply, c.watch, c.loop);
      keep_alive = keep_alive && !st.stopping.load(std::memory_order_relaxed);
    }
    render_reply_head(work.reply, version, keep_alive, head_request, work.reply_head);
    c.watch.arm(c.socket, st.options.client_idle_timeout);
    std::string_view head = work.reply_head;
    std::string_view body = head_request ? std::string_view() : work.reply.body;
    boost::system::error_code ec;
    if (!write_now(c.socket, head, body, ec)) {
      ec = co_await write_all(c.socket, head, body);
    }
    if (c.watch.disarm() || ec || !keep_alive) {
      c.close();
      co_return false;
    }
    if (work.input.size() == 0) {  // no pipelined request: idle
      c.loop.give_back(std::move(c.work));
      co_return !st.stopping.load(std::memory_order_relaxed);
    }
  }
}

void serve(std::shared_ptr<ClientConnection> c) {
  auto executor = c->loop.ioc.get_executor();
  net::co_spawn(executor, serve_ready(c), [c](std::exception_ptr error, bool keep) {
    if (error) {
      c->watch.disarm();  // it may point at an upstream socket the unwinding destroyed
      c->close();
    } else if (keep) {
      // After the loop's other ready work, as forward() reads a backend's answer: the client's
      // next request is seldom there the moment its answer leaves.
      net::post(c->loop.ioc, [c]() mutable { await_request(std::move(c)); });
    }
  });
}

}  // namespace

std::unique_ptr<Work> Loop::take_work() {
  if (spare_work.empty()) {
    return std::make_unique<Work>();
  }
  auto work = std::move(spare_work.back());
  spare_work.pop_back();
  return work;
}

void Loop::give_back(std::unique_ptr<Work> work) {
  if (spare_work.size() >= kMaxSpareWork) {
    return;
  }
  work->input.clear();
  if (work->input.capacity() > kMaxSpareCapacity) {
    work->input.shrink_to_fit();
  }
  trim_capacity(work->request.head);
  trim_capacity(work->request.body);
  trim_capacity(work->reply.fields);
  trim_capacity(work->reply.body);
  trim_capacity(work->reply_head);
  spare_work.push_back(std::move(work));
}

void start_session(std::shared_ptr<ProxyState> st, Socket socket, Loop& loop) {
  boost::system::error_code ec;
  socket.non_blocking(!kRingSockets, ec);
  socket.set_option(tcp::no_delay(true), ec);
  auto c = std::make_shared<ClientConnection>(*st, std::move(socket), loop);
  await_request(std::move(c));
}

}  // namespace faultbox::elb::detail
