// One client connection of the proxy: HTTP/1.1 keep-alive, limits and idle timeout, the
// X-Forwarded-* headers a Classic ELB adds, and the ELB's own 4XX answers to bad requests.
#include <boost/asio/co_spawn.hpp>
#include <boost/beast/http/error.hpp>
#include <exception>
#include <optional>
#include <string>
#include <utility>

#include "elb/proxy_state.h"

namespace faultbox::elb::detail {
namespace {

// Spare Work kept per loop, and the largest buffers kept in it: enough for the connections a
// loop serves at once, without keeping a burst's memory.
constexpr std::size_t kMaxSpareWork = 16;
constexpr std::size_t kMaxSpareCapacity = 64 * 1024;

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

// A client connection. Between requests it is only this and a pending wait for readability:
// no coroutine frame, parser, buffer or timer (10,000 idle keep-alive clients stay cheap).
struct ClientConnection {
  ClientConnection(std::shared_ptr<ProxyState> state, Socket client, Loop& home)
      : st(std::move(state)),
        loop(home),
        socket(std::move(client)),
        client_ip(remote_ip(socket)),
        watch(loop.watches, socket) {
    st->client_connections.fetch_add(1, std::memory_order_relaxed);
  }
  ~ClientConnection() {
    st->client_connections.fetch_sub(1, std::memory_order_relaxed);
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

  std::shared_ptr<ProxyState> st;
  Loop& loop;
  Socket socket;
  std::string client_ip;
  Watch watch;                 // after the socket it watches
  std::unique_ptr<Work> work;  // only while serving
  // Readiness is edge-triggered: a wait for the client's next bytes is queued before anything
  // else can happen on the loop (before a request is forwarded, or at once when idle), so no
  // arrival goes unnoticed and no read is tried just to learn that nothing is there.
  bool busy = false;          // a coroutine serves the connection
  bool wait_pending = false;  // a readiness wait is queued
  bool readable = false;      // it completed while busy: bytes (or the end) have arrived
  bool drained = false;       // the last read emptied the socket
};

void serve(std::shared_ptr<ClientConnection> c);

// Queues the wait for the client's next bytes. Idle, its completion starts serving them; busy,
// it only notes that they came.
void watch_readable(const std::shared_ptr<ClientConnection>& c) {
  if (c->wait_pending) {
    return;
  }
  c->wait_pending = true;
  c->socket.async_wait(Socket::wait_read, [c](boost::system::error_code ec) {
    c->wait_pending = false;
    if (c->busy) {
      c->readable = true;
      return;
    }
    if (c->watch.disarm() || ec || c->st->stopping.load(std::memory_order_relaxed)) {
      return;  // idle timeout, closed or stopping: the last holder of `c` closes it
    }
    serve(c);
  });
}

enum class ReadOutcome { Complete, Closed, Invalid };

// Reads one request into work.request. Up to the idle timeout for its first byte; once a
// request has begun, its header must arrive within header_read_timeout, so a client trickling
// bytes cannot hold the connection.
Task<ReadOutcome> read_request(ClientConnection& c, RequestReader& parser,
                               boost::system::error_code& parse_error) {
  const auto& options = c.st->options;
  auto& input = c.work->input;
  bool begun = input.size() > 0;
  c.watch.arm(c.socket, begun ? options.header_read_timeout : options.client_idle_timeout);
  bool header_done = false;
  bool wait_first = false;  // bytes are there (or the socket says so): try a read at once
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
    auto read = co_await read_some(c.socket, input, wait_first);
    c.drained = read.drained;
    wait_first = read.drained;  // the wait follows the read at once: no arrival is missed
    if (read.ec) {  // closed, reset, timed out or stopped: nothing to answer
      c.watch.disarm();
      co_return ReadOutcome::Closed;
    }
  }
}

// Serves the requests that have arrived (pipelined ones too). True: the connection is idle
// again, with its wait for the next request queued; false: it is closed.
Task<bool> serve_ready(std::shared_ptr<ClientConnection> conn) {
  auto& c = *conn;
  auto& st = *c.st;
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
      watch_readable(conn);  // a pipelined request or the client's close, while we forward
      co_await forward(st, work.request, work.reply, c.watch, c.loop);
      keep_alive = keep_alive && !st.stopping.load(std::memory_order_relaxed);
    }
    render_reply_head(work.reply, version, keep_alive, head_request, work.reply_head);
    c.watch.arm(c.socket, st.options.client_idle_timeout);
    auto ec = co_await write_all(c.socket, work.reply_head,
                                 head_request ? std::string_view() : work.reply.body);
    if (c.watch.disarm() || ec || !keep_alive) {
      c.close();
      co_return false;
    }
    if (work.input.size() > 0 || c.readable || !c.drained || !c.wait_pending) {
      c.readable = false;  // more to read now: the next request (or the client's end)
      continue;
    }
    // Idle: the queued wait takes over. Nothing may suspend from here on.
    c.busy = false;
    c.loop.give_back(std::move(c.work));
    c.watch.arm(c.socket, st.options.client_idle_timeout);
    co_return true;
  }
}

void serve(std::shared_ptr<ClientConnection> c) {
  c->busy = true;
  c->readable = false;
  auto executor = c->loop.ioc.get_executor();
  net::co_spawn(executor, serve_ready(c), [c](std::exception_ptr error, bool) {
    if (error) {
      c->close();
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
  socket.non_blocking(true, ec);
  socket.set_option(tcp::no_delay(true), ec);
  auto c = std::make_shared<ClientConnection>(std::move(st), std::move(socket), loop);
  c->watch.arm(c->socket, c->st->options.client_idle_timeout);
  watch_readable(c);
}

}  // namespace faultbox::elb::detail
