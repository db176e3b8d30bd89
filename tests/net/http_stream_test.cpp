#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <future>
#include <thread>

#include "net/http_server.h"

namespace faultbox::net {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// A server whose one route answers with a stream; the test reads the raw bytes.
class StreamFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<HttpServer>(io_, [this](HttpRequest, Reply reply) {
      HttpResponse r;
      r.content_type = "text/event-stream";
      r.body = "hello\n";
      r.on_stream = [this](std::shared_ptr<ResponseStream> s) {
        stream_ = s;
        s->send("one\n");
        s->send("two\n");
        if (close_at_once_) {
          s->close();
        }
      };
      reply(std::move(r));
    });
    ASSERT_TRUE(server_->listen("127.0.0.1", 0));
  }
  void run() {
    thread_ = std::thread([this] { io_.run(); });
  }
  void TearDown() override {
    io_.stop();
    if (thread_.joinable()) {
      thread_.join();
    }
  }
  tcp::socket connect_and_ask(asio::io_context& client) {
    tcp::socket socket(client);
    socket.connect({asio::ip::make_address("127.0.0.1"), server_->port()});
    std::string request = "GET /events HTTP/1.1\r\nHost: x\r\n\r\n";
    asio::write(socket, asio::buffer(request));
    return socket;
  }
  bool stream_closed() {
    std::promise<bool> closed;
    asio::post(io_, [&] { closed.set_value(stream_ && stream_->closed()); });
    return closed.get_future().get();
  }

  asio::io_context io_;
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
  std::shared_ptr<ResponseStream> stream_;
  bool close_at_once_ = false;
};

TEST_F(StreamFixture, SendsTheHeadThenEveryPieceInOrderWithoutALength) {
  close_at_once_ = true;
  run();
  asio::io_context client;
  auto socket = connect_and_ask(client);
  std::string text;
  boost::system::error_code ec;
  asio::read(socket, asio::dynamic_buffer(text), ec);  // to the end: the server closed
  EXPECT_EQ(ec, asio::error::eof);
  EXPECT_EQ(text.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << text;
  EXPECT_NE(text.find("content-type: text/event-stream\r\n"), std::string::npos) << text;
  EXPECT_NE(text.find("connection: close\r\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("Content-Length"), std::string::npos) << text;
  EXPECT_TRUE(text.ends_with("\r\n\r\nhello\none\ntwo\n")) << text;
}

TEST_F(StreamFixture, NoticesWhenTheClientGoesAway) {
  run();
  asio::io_context client;
  {
    auto socket = connect_and_ask(client);
    std::string text;
    while (!text.ends_with("two\n")) {
      std::array<char, 256> buf{};
      auto n = socket.read_some(asio::buffer(buf));
      text.append(buf.data(), n);
    }
    EXPECT_FALSE(stream_closed());
  }  // the client closes its socket
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!stream_closed() && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(stream_closed());
}

}  // namespace
}  // namespace faultbox::net
