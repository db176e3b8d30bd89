#include "net/http_server.h"

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <optional>

#include "core/json_text.h"
#include "core/socket_deadline.h"
#include "core/stop_listening.h"
#include "core/utf8.h"
#include "net/request_bytes.h"

namespace faultbox::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {
// A streaming client this far behind is dropped rather than buffered without bound.
constexpr size_t kStreamBacklogLimit = 4 * 1024 * 1024;
// After refusing a request, its unread rest is read and dropped for this long, so that closing
// the socket does not reset the connection before the client has read why.
constexpr auto kLingerAfterRefusal = std::chrono::seconds(2);

struct Refusal {
  int status;
  std::string code;
  std::string message;
};

// What to answer a read that failed: nothing when the client went away or an idle keep-alive
// connection timed out; otherwise the status the failure deserves.
// `request_line_read`: the parser got past the request line (it consumes it from the buffer).
std::optional<Refusal> refusal_for(beast::error_code ec, bool timed_out, bool got_some,
                                   bool request_line_read, const beast::flat_buffer& buffer,
                                   const HttpLimits& limits) {
  if (timed_out) {
    if (!got_some && buffer.size() == 0) {
      return std::nullopt;
    }
    return Refusal{408, "RequestTimeout", "the request was not complete within the time limit"};
  }
  if (ec.category() != beast::error_code(http::error::body_limit).category() ||
      ec == http::error::end_of_stream || ec == http::error::partial_message) {
    return std::nullopt;
  }
  if (ec == http::error::body_limit) {
    return Refusal{413, "RequestEntityTooLarge",
                   "the request body is larger than " + std::to_string(limits.body_bytes) +
                       " bytes"};
  }
  if (ec == http::error::header_limit || ec == http::error::buffer_overflow) {
    if (!request_line_read) {
      return Refusal{414, "RequestURITooLong",
                     "the request line is longer than " + std::to_string(limits.header_bytes) +
                         " bytes"};
    }
    return Refusal{431, "RequestHeaderFieldsTooLarge",
                   "the request's headers are larger than " + std::to_string(limits.header_bytes) +
                       " bytes"};
  }
  if (ec == http::error::bad_version) {
    return Refusal{505, "HTTPVersionNotSupported", "only HTTP/1.0 and HTTP/1.1 are served"};
  }
  if (ec == http::error::bad_transfer_encoding) {
    return Refusal{501, "NotImplemented", "only the chunked transfer coding is understood"};
  }
  return Refusal{400, "BadRequest", "malformed HTTP request: " + ec.message()};
}

HttpResponse refusal_response(const Refusal& r) {
  HttpResponse out;
  out.status = r.status;
  out.body = json_text({{"__type", r.code}, {"message", r.message}});
  return out;
}

HttpRequest to_request(const http::request<http::string_body>& in, const tcp::socket& socket) {
  HttpRequest out = request_of(in);
  beast::error_code ec;
  auto remote = socket.remote_endpoint(ec);
  if (!ec) {
    out.remote_address = remote.address().to_string();
    out.remote_port = remote.port();
  }
  auto local = socket.local_endpoint(ec);
  if (!ec) {
    out.local_address = local.address().to_string();
    out.local_port = local.port();
  }
  return out;
}

http::response<http::string_body> to_wire(HttpResponse in, unsigned version, bool keep_alive) {
  http::response<http::string_body> out{static_cast<http::status>(in.status), version};
  out.set(http::field::server, "faultbox");
  if (!in.content_type.empty()) {
    out.set(http::field::content_type, in.content_type);
  }
  for (auto& [name, value] : in.headers) {
    out.set(name, value);
  }
  out.body() = std::move(in.body);
  out.keep_alive(keep_alive);
  out.prepare_payload();
  if (in.head_length) {
    out.content_length(*in.head_length);
  }
  return out;
}

// One client connection: read a request, hand it to the handler, write its reply, repeat.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::shared_ptr<Handler> handler, const HttpLimits& limits)
      : stream_(std::move(socket)), handler_(std::move(handler)), limits_(limits) {}

  void start() { read_next(); }

 private:
  // The read has a timer of its own rather than the deadline: a timed-out read cancels the
  // socket without shutting it, so that a request begun can still be answered 408.
  void read_next() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(limits_.header_bytes));
    parser_->body_limit(limits_.body_bytes);
    read_timed_out_ = false;
    read_timer_.expires_after(limits_.idle);
    // Only the wait of the read in progress acts (one that fired as its read completed does not).
    read_timer_.async_wait([self = shared_from_this(), read = ++reads_](beast::error_code ec) {
      if (!ec && read == self->reads_ && self->reading_) {
        self->read_timed_out_ = true;
        beast::error_code ignored;
        self->stream_.socket().cancel(ignored);
      }
    });
    reading_ = true;
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->on_header(ec); });
  }

  // A client that sent "Expect: 100-continue" (botocore does, uploading to S3) waits for a
  // "100 Continue" before its body, a second at most: it gets one at once.
  void on_header(beast::error_code ec) {
    if (ec || parser_->is_done() ||
        !beast::iequals(parser_->get()[http::field::expect], "100-continue")) {
      read_body(ec);
      return;
    }
    static const std::string kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    asio::async_write(stream_, asio::buffer(kContinue),
                      [self = shared_from_this()](beast::error_code written, size_t) {
                        self->read_body(written);
                      });
  }

  void read_body(beast::error_code ec) {
    if (ec || parser_->is_done()) {
      on_read(ec);
      return;
    }
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code read, size_t) { self->on_read(read); });
  }

  void on_read(beast::error_code ec) {
    reading_ = false;
    read_timer_.cancel();
    if (ec) {
      bool request_line_read = !parser_->get().target().empty();
      if (auto refusal = refusal_for(ec, read_timed_out_, parser_->got_some(), request_line_read,
                                     buffer_, limits_)) {
        refuse(*refusal);
      } else {
        close();
      }
      return;
    }
    auto request = parser_->release();
    version_ = request.version();
    keep_alive_ = request.keep_alive();
    if (version_ != 10 && version_ != 11) {
      refuse({505, "HTTPVersionNotSupported",
              "HTTP/" + std::to_string(version_ / 10) + "." + std::to_string(version_ % 10) +
                  " is not served; use HTTP/1.1"});
      return;
    }
    // Beast decodes chunked bodies only, and reads any other coding as no body at all.
    if (auto coding = request[http::field::transfer_encoding];
        !coding.empty() && !beast::iequals(coding, "chunked")) {
      refuse({501, "NotImplemented",
              "the transfer coding \"" + to_valid_utf8(coding) +
                  "\" is not implemented; only chunked is understood"});
      return;
    }
    if (request.method() == http::verb::unknown) {
      refuse({501, "NotImplemented",
              "the method " + to_valid_utf8(request.method_string()) + " is not implemented"});
      return;
    }
    auto self = shared_from_this();
    // The reply may come from any later point on this context, so it holds the session alive.
    (*handler_)(to_request(request, stream_.socket()), [self](HttpResponse response) {
      asio::dispatch(self->stream_.get_executor(),
                     [self, r = std::move(response)]() mutable { self->write(std::move(r)); });
    });
  }

  void write(HttpResponse response) {
    if (response.on_stream) {
      start_stream(std::move(response));
      return;
    }
    auto wire = std::make_shared<http::response<http::string_body>>(
        to_wire(std::move(response), version_, keep_alive_));
    deadline_.expires_after(limits_.idle);
    http::async_write(stream_, *wire,
                      [self = shared_from_this(), wire](beast::error_code ec, size_t) {
                        if (!ec && self->refused_) {
                          self->linger();
                          return;
                        }
                        if (ec || !self->keep_alive_) {
                          self->close();
                          return;
                        }
                        self->deadline_.expires_never();
                        self->read_next();
                      });
  }

  // Answers a request the handler never sees, then closes the connection.
  void refuse(const Refusal& refusal) {
    refused_ = true;
    keep_alive_ = false;
    if (version_ != 10 && version_ != 11) {
      version_ = 11;
    }
    write(refusal_response(refusal));
  }

  // Sends nothing more and reads what the client still sends, for a bounded time, before the
  // session ends and the socket closes (closing with unread data would reset the connection).
  void linger() {
    close();
    deadline_.expires_after(kLingerAfterRefusal);
    drain();
  }

  void drain() {
    stream_.async_read_some(asio::buffer(probe_),
                            [self = shared_from_this()](beast::error_code ec, size_t) {
                              if (!ec) {
                                self->drain();
                              }
                            });
  }

  void close() {
    stream_closed_ = true;
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  // The open end of a streaming response; it keeps the session alive while its owner holds it.
  class Stream : public ResponseStream {
   public:
    explicit Stream(std::shared_ptr<Session> session) : session_(std::move(session)) {}
    void send(std::string data) override { session_->stream_send(std::move(data)); }
    bool closed() const override { return session_->stream_closed_; }
    void close() override { session_->finish_stream(); }

   private:
    std::shared_ptr<Session> session_;
  };

  // A streaming response has a close-delimited body (HTTP/1.1 allows it for responses): the
  // head goes out with the first data, later data as it comes; the connection is never reused.
  void start_stream(HttpResponse response) {
    keep_alive_ = false;
    deadline_.expires_never();
    auto status = static_cast<http::status>(response.status);
    std::string head = "HTTP/1.1 " + std::to_string(response.status) + " " +
                       std::string(http::obsolete_reason(status)) + "\r\n";
    response.headers["server"] = "faultbox";
    response.headers["content-type"] = response.content_type;
    response.headers["connection"] = "close";
    for (const auto& [name, value] : response.headers) {
      head += name + ": " + value + "\r\n";
    }
    stream_send(head + "\r\n" + response.body);
    watch_for_close();
    response.on_stream(std::make_shared<Stream>(shared_from_this()));
  }

  // The client sends nothing on a stream; a finished read means it went away.
  void watch_for_close() {
    stream_.async_read_some(asio::buffer(probe_),
                            [self = shared_from_this()](beast::error_code ec, size_t) {
                              if (ec) {
                                self->close();
                                return;
                              }
                              self->watch_for_close();
                            });
  }

  // Ends the stream once what was sent has been written.
  void finish_stream() {
    if (stream_closed_) {
      return;
    }
    stream_closed_ = true;
    if (!writing_) {
      close();
    }
  }

  void stream_send(std::string data) {
    if (stream_closed_) {
      return;
    }
    backlog_ += data;
    if (backlog_.size() > kStreamBacklogLimit) {
      close();
      return;
    }
    if (!writing_) {
      flush();
    }
  }

  void flush() {
    writing_ = true;
    auto chunk = std::make_shared<std::string>(std::move(backlog_));
    backlog_.clear();
    asio::async_write(stream_, asio::buffer(*chunk),
                      [self = shared_from_this(), chunk](beast::error_code ec, size_t) {
                        self->writing_ = false;
                        if (ec) {
                          self->close();
                        } else if (!self->backlog_.empty()) {
                          self->flush();
                        } else if (self->stream_closed_) {
                          self->close();  // finished, or the client went away
                        }
                      });
  }

  beast::tcp_stream stream_;
  SocketDeadline<tcp::socket> deadline_{stream_.socket()};
  asio::steady_timer read_timer_{stream_.get_executor()};
  bool read_timed_out_ = false;
  bool reading_ = false;
  unsigned reads_ = 0;  // counts reads, so that a timer acts on its own read only
  beast::flat_buffer buffer_;
  std::shared_ptr<Handler> handler_;
  HttpLimits limits_;
  std::optional<http::request_parser<http::string_body>> parser_;
  unsigned version_ = 11;
  bool keep_alive_ = true;
  bool refused_ = false;
  // Streaming responses only.
  std::string backlog_;
  bool writing_ = false;
  bool stream_closed_ = false;
  std::array<char, 64> probe_{};
};
}  // namespace

struct HttpServer::State : std::enable_shared_from_this<HttpServer::State> {
  State(asio::io_context& io, Handler h, HttpLimits l)
      : acceptor(io), handler(std::make_shared<Handler>(std::move(h))), limits(l) {}

  void accept() {
    acceptor.async_accept([self = shared_from_this()](beast::error_code ec, tcp::socket socket) {
      if (self->stopping || ec == asio::error::operation_aborted) {
        close_listener(self->acceptor);
        return;
      }
      if (!ec) {
        std::make_shared<Session>(std::move(socket), self->handler, self->limits)->start();
      }
      self->accept();
    });
  }

  tcp::acceptor acceptor;
  std::shared_ptr<Handler> handler;
  HttpLimits limits;
  std::atomic<bool> stopping{false};
};

HttpServer::HttpServer(asio::io_context& io, Handler handler, HttpLimits limits)
    : state_(std::make_shared<State>(io, std::move(handler), limits)) {}

HttpServer::~HttpServer() { stop(); }

Result<void> HttpServer::listen(const std::string& address, uint16_t port) {
  beast::error_code ec;
  auto addr = asio::ip::make_address(address, ec);
  if (ec) {
    return errors::validation("invalid listen address \"" + address + "\"");
  }
  tcp::endpoint endpoint{addr, port};
  auto& acceptor = state_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) {
    acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    acceptor.bind(endpoint, ec);
  }
  if (!ec) {
    acceptor.listen(asio::socket_base::max_listen_connections, ec);
  }
  if (ec) {
    beast::error_code ignored;  // the failure to report is `ec`, not the close's outcome
    acceptor.close(ignored);
    return errors::unavailable("cannot listen on " + address + ":" + std::to_string(port) + ": " +
                               ec.message());
  }
  state_->accept();
  return {};
}

uint16_t HttpServer::port() const {
  beast::error_code ec;
  auto ep = state_->acceptor.local_endpoint(ec);
  return ec ? 0 : ep.port();
}

void HttpServer::stop() {
  state_->stopping = true;
  stop_listening(state_->acceptor);
}

}  // namespace faultbox::net
