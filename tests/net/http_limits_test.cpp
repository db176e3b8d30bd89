// Requests that are malformed or beyond the limits get their HTTP status and a JSON reason, never
// a silently closed connection, and never reach the handler.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <string>
#include <thread>

#include "net/http_server.h"

namespace faultbox::net {
namespace {

class LimitsFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    HttpLimits limits;
    limits.header_bytes = 4096;
    limits.body_bytes = 1024;
    limits.idle = std::chrono::milliseconds(300);
    server_ = std::make_unique<HttpServer>(
        io_,
        [this](HttpRequest req, Reply reply) {
          ++handled_;
          reply(HttpResponse{200, "text/plain", {}, "ok " + req.method});
        },
        limits);
    ASSERT_TRUE(server_->listen("127.0.0.1", 0));
    thread_ = std::thread([this] { io_.run(); });
  }
  void TearDown() override {
    io_.stop();
    thread_.join();
  }

  // Sends `raw`, optionally waits, and returns everything the server answers before it closes
  // (5 s at most).
  std::string exchange(const std::string& raw,
                       std::chrono::milliseconds pause = std::chrono::milliseconds(0)) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(server_->port());
    ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    timeval timeout{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    size_t sent = 0;
    while (sent < raw.size()) {
      auto n = ::send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) {
        break;  // the server refused before reading it all: its answer is still there to read
      }
      sent += static_cast<size_t>(n);
    }
    std::this_thread::sleep_for(pause);
    std::string answer;
    char buf[4096];
    for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) {
      answer.append(buf, static_cast<size_t>(n));
    }
    ::close(fd);
    return answer;
  }

  static std::string status_line(const std::string& answer) {
    return answer.substr(0, answer.find("\r\n"));
  }

  boost::asio::io_context io_;
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
  std::atomic<int> handled_{0};
};

struct Malformed {
  const char* name;
  std::string raw;
  const char* status;
  const char* reason;
};

TEST_F(LimitsFixture, EachMalformedRequestGetsItsStatus) {
  std::string many_headers = "GET / HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 10'000; ++i) {
    many_headers += "X-" + std::to_string(i) + ": v\r\n";
  }
  const Malformed cases[] = {
      {"a body over the limit",
       "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2048\r\n\r\n" + std::string(2048, 'a'),
       "HTTP/1.1 413", "larger than 1024 bytes"},
      {"a chunked body over the limit",
       "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n" +
           std::string(2048, 'a') + "\r\n0\r\n\r\n",
       "HTTP/1.1 413", "request body"},
      {"a 100 KB header",
       "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(100'000, 'a') + "\r\n\r\n",
       "HTTP/1.1 431", "headers are larger than 4096"},
      {"10,000 headers", many_headers + "\r\n", "HTTP/1.1 431", "headers"},
      {"a 1 MB URL", "GET /" + std::string(1'000'000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n",
       "HTTP/1.1 414", "request line is longer"},
      {"bad chunking",
       "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n0\r\n\r\n",
       "HTTP/1.1 400", "malformed HTTP request"},
      {"a bad Content-Length", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
       "HTTP/1.1 400", "malformed"},
      {"two Content-Lengths",
       "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
       "HTTP/1.1 400", "malformed"},
      {"a space in a header name", "GET / HTTP/1.1\r\nHost: x\r\nBad Name: v\r\n\r\n",
       "HTTP/1.1 400", "malformed"},
      {"HTTP/0.9", "GET /\r\n\r\n", "HTTP/1.1 4", "malformed"},
      {"HTTP/2.0 in text", "GET / HTTP/2.0\r\nHost: x\r\n\r\n", "HTTP/1.1 505", "HTTP/1.1"},
      {"an unknown method", "BREW / HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 501", "BREW"},
      {"an unknown transfer coding",
       "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", "HTTP/1.1 501",
       "coding \\\"gzip\\\""},
  };
  for (const auto& c : cases) {
    auto answer = exchange(c.raw);
    EXPECT_EQ(status_line(answer).substr(0, std::string(c.status).size()), c.status)
        << c.name << ": " << answer.substr(0, 200);
    EXPECT_NE(answer.find(c.reason), std::string::npos) << c.name << ": " << answer;
    EXPECT_NE(answer.find("\"__type\""), std::string::npos) << c.name << ": " << answer;
  }
  EXPECT_EQ(handled_, 0);
}

TEST_F(LimitsFixture, ARequestBegunButNotFinishedInTimeGets408) {
  auto answer = exchange("GET / HTTP/1.1\r\nHo", std::chrono::milliseconds(600));
  EXPECT_EQ(status_line(answer), "HTTP/1.1 408 Request Timeout") << answer;
  EXPECT_EQ(handled_, 0);
}

TEST_F(LimitsFixture, AnIdleConnectionIsClosedWithoutAnAnswer) {
  EXPECT_EQ(exchange("", std::chrono::milliseconds(600)), "");
}

TEST_F(LimitsFixture, RequestsWithinTheLimitsReachTheHandler) {
  auto answer =
      exchange("POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 1024\r\n\r\n" +
               std::string(1024, 'a'));
  EXPECT_EQ(status_line(answer), "HTTP/1.1 200 OK") << answer;
  EXPECT_EQ(handled_, 1);
}

}  // namespace
}  // namespace faultbox::net
