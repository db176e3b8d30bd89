// Real-socket helpers for elb tests: tiny HTTP backends on their own thread, a listener that
// never answers, and a keep-alive client whose every call is bounded in time. 127.0.0.1 only.
#pragma once

#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#include "core/stop_listening.h"

namespace faultbox::elb::testing {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
inline constexpr auto kNoThrow = net::as_tuple(net::use_awaitable);
inline constexpr auto kCallTimeout = std::chrono::seconds(5);

inline tcp::endpoint loopback(std::uint16_t port) {
  return {net::ip::make_address("127.0.0.1"), port};
}

// A port that was free a moment ago and is closed now: connecting to it is refused.
inline std::uint16_t closed_port() {
  net::io_context ioc;
  tcp::acceptor acceptor(ioc, loopback(0));
  return acceptor.local_endpoint().port();
}

// Answers every request with its status and its name as the body, keep-alive.
class TestBackend {
 public:
  // Port 0: any free port; else that port (to bring a stopped backend back on its address).
  explicit TestBackend(std::string name, std::uint16_t port = 0)
      : name_(std::move(name)), acceptor_(ioc_, loopback(port)) {
    net::co_spawn(ioc_, accept_loop(), net::detached);
    thread_ = std::thread([this] { ioc_.run(); });
  }
  ~TestBackend() { stop(); }
  TestBackend(const TestBackend&) = delete;
  TestBackend& operator=(const TestBackend&) = delete;

  std::uint16_t port() const { return port_; }
  int requests() const { return requests_.load(); }
  void set_status(unsigned status) { status_ = status; }
  std::string last_forwarded_for() const {
    std::lock_guard lock(mutex_);
    return forwarded_for_;
  }
  // Closes the listener, then every connection (destroying the io_context closes the sockets).
  void stop() {
    if (thread_.joinable()) {
      net::post(ioc_, [this] { stop_listening(acceptor_); });  // the accept loop then stops
      thread_.join();
    }
  }

 private:
  net::awaitable<void> accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor_.async_accept(kNoThrow);
      if (ec) {  // stopped (or out of descriptors)
        close_listener(acceptor_);
        ioc_.stop();
        co_return;
      }
      net::co_spawn(ioc_, serve(std::move(socket)), net::detached);
    }
  }
  net::awaitable<void> serve(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    for (;;) {
      http::request<http::string_body> request;
      auto [ec, n] = co_await http::async_read(stream, buffer, request, kNoThrow);
      if (ec) {
        co_return;
      }
      ++requests_;
      {
        std::lock_guard lock(mutex_);
        forwarded_for_ = std::string(request["X-Forwarded-For"]);
      }
      http::response<http::string_body> response{static_cast<http::status>(status_.load()), 11};
      const unsigned status = response.result_int();
      if (status != 204 && status != 304) {  // those carry no body
        response.body() = name_;
      }
      response.keep_alive(request.keep_alive());
      response.prepare_payload();
      auto [write_ec, written] = co_await http::async_write(stream, response, kNoThrow);
      if (write_ec || !request.keep_alive()) {
        co_return;
      }
    }
  }

  std::string name_;
  net::io_context ioc_;
  tcp::acceptor acceptor_;
  std::uint16_t port_ = acceptor_.local_endpoint().port();
  std::atomic<unsigned> status_{200};
  std::atomic<int> requests_{0};
  mutable std::mutex mutex_;
  std::string forwarded_for_;
  std::thread thread_;
};

// Takes each connection and the start of its request, then resets it, as the kernel does to
// the connections of a process killed in the middle of a request.
class ResettingListener {
 public:
  ResettingListener() : acceptor_(ioc_, loopback(0)) {
    net::co_spawn(ioc_, accept_loop(), net::detached);
    thread_ = std::thread([this] { ioc_.run(); });
  }
  ~ResettingListener() {
    net::post(ioc_, [this] { stop_listening(acceptor_); });
    thread_.join();
  }
  ResettingListener(const ResettingListener&) = delete;
  ResettingListener& operator=(const ResettingListener&) = delete;

  std::uint16_t port() const { return port_; }
  int resets() const { return resets_.load(); }

 private:
  net::awaitable<void> accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor_.async_accept(kNoThrow);
      if (ec) {
        close_listener(acceptor_);
        ioc_.stop();
        co_return;
      }
      char start[64];
      auto [read_ec, n] = co_await socket.async_read_some(net::buffer(start), kNoThrow);
      ++resets_;  // before the reset, which the client may see at once
      boost::system::error_code ignored;
      socket.set_option(net::socket_base::linger(true, 0), ignored);  // close sends RST
      socket.close(ignored);
    }
  }

  net::io_context ioc_;
  tcp::acceptor acceptor_;
  std::uint16_t port_ = acceptor_.local_endpoint().port();
  std::atomic<int> resets_{0};
  std::thread thread_;
};

// Listens but never accepts: connections open (kernel backlog) and no answer ever comes.
class SilentListener {
 public:
  SilentListener() : acceptor_(ioc_, loopback(0)) {}
  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

 private:
  net::io_context ioc_;
  tcp::acceptor acceptor_;
};

struct Reply {
  unsigned status = 0;
  std::string body;
  bool keep_alive = false;
  std::string error;  // empty on success
};

// One keep-alive client connection; each call runs its own io_context for at most kCallTimeout.
class TestClient {
 public:
  explicit TestClient(std::uint16_t port) : port_(port) {}

  Reply get(const std::string& target, const http::fields& extra = {}) {
    http::request<http::string_body> request{http::verb::get, target, 11};
    for (const auto& field : extra) {
      request.set(field.name_string(), field.value());
    }
    request.set(http::field::host, "lab");
    return send(std::move(request));
  }

  Reply send(http::request<http::string_body> request) {
    Reply reply;
    bool done = false;
    net::co_spawn(ioc_, exchange(std::move(request), reply, done), net::detached);
    ioc_.restart();
    ioc_.run_for(kCallTimeout);
    if (!done) {
      // Shut down, not closed, while the exchange waits (core/socket_deadline.h): it returns
      // and closes the stream itself.
      boost::system::error_code ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
      stream_.socket().cancel(ignored);
      ioc_.restart();
      ioc_.run_for(std::chrono::seconds(1));
      reply.error = "no answer within the call timeout";
    }
    return reply;
  }

 private:
  net::awaitable<void> exchange(http::request<http::string_body> request, Reply& reply,
                                bool& done) {
    if (!stream_.socket().is_open()) {
      auto [ec] = co_await stream_.async_connect(loopback(port_), kNoThrow);
      if (ec) {
        reply.error = "connect: " + ec.message();
        done = true;
        co_return;
      }
    }
    request.prepare_payload();
    auto [write_ec, written] = co_await http::async_write(stream_, request, kNoThrow);
    http::response<http::string_body> response;
    auto [read_ec, read] = write_ec
                               ? std::tuple(write_ec, std::size_t{0})
                               : co_await http::async_read(stream_, buffer_, response, kNoThrow);
    if (read_ec) {
      reply.error = "exchange: " + read_ec.message();
      stream_.close();
    } else {
      reply = {response.result_int(), response.body(), response.keep_alive(), {}};
      if (!response.keep_alive()) {
        stream_.close();
      }
    }
    done = true;
  }

  std::uint16_t port_;
  net::io_context ioc_;
  beast::tcp_stream stream_{ioc_};
  beast::flat_buffer buffer_;
};

}  // namespace faultbox::elb::testing
