// The proxy's limits on real sockets (127.0.0.1 only): a client that idles or trickles its
// header is disconnected, and past the connection limit a new client gets a clear 503.
#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <optional>
#include <thread>
#include <vector>

#include "elb/proxy.h"
#include "elb/support/http_fixtures.h"

namespace faultbox::elb {
namespace {

using namespace faultbox::elb::testing;
using std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;

class ProxyLimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    thread_ = std::thread([this] { data_plane_.run(); });
    ProxyOptions options;
    options.name = "limits-elb";
    options.client_idle_timeout = milliseconds(800);
    options.header_read_timeout = milliseconds(200);
    options.max_client_connections = 2;
    proxy_.emplace(data_plane_, options);
    ASSERT_TRUE(proxy_->start());
    proxy_->publish(std::make_shared<const BackendSnapshot>(
        BackendSnapshot{1, {{"i-a", "127.0.0.1", backend_.port(), "eu-west-2a"}}}));
  }
  void TearDown() override {
    proxy_->stop();
    work_.reset();
    data_plane_.stop();
    thread_.join();
    proxy_.reset();
  }

  TestBackend backend_{"A"};
  net::io_context data_plane_;
  net::executor_work_guard<net::io_context::executor_type> work_{data_plane_.get_executor()};
  std::thread thread_;
  std::optional<Proxy> proxy_;
};

// A blocking client socket whose reads give up after 3 s.
struct RawClient {
  explicit RawClient(std::uint16_t port) : socket(ioc) {
    socket.connect(loopback(port));
    timeval tv{3, 0};
    ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  // Reads until the proxy closes the connection (or 3 s pass); returns what came.
  std::string read_until_closed() {
    std::string got;
    char chunk[512];
    for (;;) {
      boost::system::error_code ec;
      auto n = socket.read_some(net::buffer(chunk), ec);
      got.append(chunk, n);
      if (ec == net::error::interrupted) {
        // With io_uring, a thread that submits to a ring other than a proxy loop's (this one
        // starts and stops the test backends') gets completions of it as task work, which
        // interrupts a read with a timeout instead of restarting it.
        continue;
      }
      if (ec) {
        closed = ec == net::error::eof || ec == net::error::connection_reset;
        return got;
      }
    }
  }
  net::io_context ioc;
  tcp::socket socket;
  bool closed = false;
};

TEST_F(ProxyLimitsTest, ClosesAConnectionThatStaysIdle) {
  RawClient client(proxy_->bound_port());
  auto started = SteadyClock::now();
  EXPECT_EQ(client.read_until_closed(), "");
  EXPECT_TRUE(client.closed);
  EXPECT_GT(SteadyClock::now() - started, milliseconds(600)) << "idle, not header, timeout";
  EXPECT_LT(SteadyClock::now() - started, milliseconds(2000));
}

TEST_F(ProxyLimitsTest, ClosesAClientThatTricklesItsHeader) {
  RawClient client(proxy_->bound_port());
  const std::string head = "GET / HTTP/1.1\r\nHost: lab\r\nX-Slow: ";
  net::write(client.socket, net::buffer(head));
  auto started = SteadyClock::now();
  // One byte every 100 ms: no gap comes near the idle timeout; the header timeout ends it.
  boost::system::error_code ec;
  for (int i = 0; i < 20 && !ec; ++i) {
    std::this_thread::sleep_for(milliseconds(100));
    net::write(client.socket, net::buffer("x", 1), ec);
  }
  EXPECT_TRUE(ec) << "the proxy should have closed the connection within 2 s";
  EXPECT_LT(SteadyClock::now() - started, milliseconds(700));
  EXPECT_EQ(backend_.requests(), 0);
}

TEST_F(ProxyLimitsTest, AnswersAClear503PastTheConnectionLimit) {
  TestClient first(proxy_->bound_port());
  TestClient second(proxy_->bound_port());
  ASSERT_EQ(first.get("/").status, 200u);
  ASSERT_EQ(second.get("/").status, 200u);
  TestClient third(proxy_->bound_port());
  auto refused = third.get("/");
  ASSERT_EQ(refused.error, "");
  EXPECT_EQ(refused.status, 503u);
  EXPECT_NE(refused.body.find("too many connections"), std::string::npos) << refused.body;
  EXPECT_FALSE(refused.keep_alive);
  EXPECT_EQ(proxy_->take_metrics().count(Metric::Elb5xx), 1u);
  EXPECT_EQ(first.get("/").status, 200u) << "open connections keep working";
}

TEST_F(ProxyLimitsTest, AcceptsAgainOnceAConnectionCloses) {
  std::optional<TestClient> first(std::in_place, proxy_->bound_port());
  TestClient second(proxy_->bound_port());
  ASSERT_EQ(first->get("/").status, 200u);
  ASSERT_EQ(second.get("/").status, 200u);
  first.reset();
  std::this_thread::sleep_for(milliseconds(100));  // the proxy sees the close
  TestClient third(proxy_->bound_port());
  EXPECT_EQ(third.get("/").status, 200u);
}

}  // namespace
}  // namespace faultbox::elb

namespace faultbox::elb {
namespace {

// Two requests in one write, the second with a body longer than the proxy's first read, and a
// third with Connection: close: three answers in order, then the proxy closes.
TEST_F(ProxyLimitsTest, AnswersPipelinedRequestsInOrder) {
  RawClient client(proxy_->bound_port());
  const std::string body(5000, 'b');
  const std::string requests = "GET /1 HTTP/1.1\r\nHost: lab\r\n\r\n"
                               "POST /2 HTTP/1.1\r\nHost: lab\r\nContent-Length: 5000\r\n\r\n" +
                               body + "GET /3 HTTP/1.1\r\nHost: lab\r\nConnection: close\r\n\r\n";
  net::write(client.socket, net::buffer(requests));
  auto got = client.read_until_closed();
  EXPECT_TRUE(client.closed);
  std::size_t answers = 0;
  for (auto at = got.find("HTTP/1.1 200 OK"); at != std::string::npos;
       at = got.find("HTTP/1.1 200 OK", at + 1)) {
    ++answers;
  }
  EXPECT_EQ(answers, 3u) << got;
  EXPECT_NE(got.find("Connection: close"), std::string::npos) << got;
  EXPECT_EQ(backend_.requests(), 3);
}

}  // namespace
}  // namespace faultbox::elb
