// The lab's HTTP/1.1 server on one port: every protocol (lab API, AWS APIs, IMDS, console) is
// routed by the handler. Runs on the io_context it is given; handlers run on that context.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/result.h"
#include "net/http_message.h"

namespace boost::asio {
class io_context;
}

namespace faultbox::net {

// A handler answers through `reply`, now or later (for long polls and streams), exactly once.
using Reply = std::function<void(HttpResponse)>;
using Handler = std::function<void(HttpRequest, Reply)>;

// What one request may be. A request beyond them, or malformed, is answered with its HTTP status
// (400 malformed, 408 begun but not finished in time, 413 body, 414 request line, 431 headers,
// 501 unknown method or transfer coding, 505 version) and a JSON body saying why; the
// connection then closes. The handler never sees it.
struct HttpLimits {
  std::size_t header_bytes = 16 * 1024;       // request line and headers together
  std::size_t body_bytes = 16 * 1024 * 1024;  // after chunked decoding
  std::chrono::steady_clock::duration idle = std::chrono::seconds(60);  // per request read
};

class HttpServer {
 public:
  HttpServer(boost::asio::io_context& io, Handler handler, HttpLimits limits = {});
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and starts accepting. Port 0 picks a free port. Fails with a clear message when the
  // address is in use or cannot be bound.
  Result<void> listen(const std::string& address, uint16_t port);
  uint16_t port() const;
  // Stops accepting at once; the listening socket is closed when its pending accept has
  // returned on the io_context. Open connections finish or time out.
  void stop();

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace faultbox::net
