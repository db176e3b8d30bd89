#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <thread>

#include "net/http_client.h"
#include "net/http_server.h"

namespace faultbox::net {
namespace {

// Runs a server on 127.0.0.1 on its own thread for the length of a test.
class ServerFixture : public ::testing::Test {
 protected:
  void start(Handler handler) {
    server_ = std::make_unique<HttpServer>(io_, std::move(handler));
    ASSERT_TRUE(server_->listen("127.0.0.1", 0));
    thread_ = std::thread([this] { io_.run(); });
  }
  void TearDown() override {
    io_.stop();
    if (thread_.joinable()) {
      thread_.join();
    }
  }
  std::string url(const std::string& path) {
    return "http://127.0.0.1:" + std::to_string(server_->port()) + path;
  }

  boost::asio::io_context io_;
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
};

TEST_F(ServerFixture, EchoesMethodPathAndBody) {
  start([](HttpRequest req, Reply reply) {
    reply(HttpResponse{201,
                       "text/plain",
                       {{"x-echo", req.header("x-in").value_or("")}},
                       req.method + " " + req.path() + " " + req.body});
  });
  auto r =
      http_call({.method = "POST", .url = url("/p?q=1"), .body = "hi", .headers = {{"x-in", "v"}}});
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->status, 201);
  EXPECT_EQ(r->body, "POST /p hi");
  EXPECT_EQ(r->headers["x-echo"], "v");
}

TEST_F(ServerFixture, ListenFailsClearlyWhenThePortIsTaken) {
  start([](HttpRequest, Reply reply) { reply({}); });
  boost::asio::io_context other;
  HttpServer second(other, [](HttpRequest, Reply reply) { reply({}); });
  auto r = second.listen("127.0.0.1", server_->port());
  ASSERT_FALSE(r);
  // The reason is the bind's ("Success" once stood here: the close's outcome overwrote it).
  EXPECT_NE(r.error().message.find("cannot listen on 127.0.0.1:" + std::to_string(server_->port()) +
                                   ": Address already in use"),
            std::string::npos)
      << r.error().message;
}

TEST(HttpClient, ConnectionRefusedIsAnError) {
  // Bind then close a port so that nothing listens on it.
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor a(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  auto port = a.local_endpoint().port();
  a.close();
  auto r = http_call({.url = "http://127.0.0.1:" + std::to_string(port) + "/"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "ServiceUnavailable");
}

TEST(HttpClient, TimesOutOnAServerThatNeverAnswers) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor a(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  auto port = a.local_endpoint().port();
  auto start = std::chrono::steady_clock::now();
  auto r = http_call({.url = "http://127.0.0.1:" + std::to_string(port) + "/",
                      .timeout = std::chrono::milliseconds(200)});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("timed out"), std::string::npos) << r.error().message;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

}  // namespace
}  // namespace faultbox::net
