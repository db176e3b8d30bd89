// Real health checks against loopback backends: HTTP 200 passes, other statuses, refused
// connections and silence fail; results arrive on the control io_context.
#include "elb/asio_health_prober.h"

#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <optional>
#include <thread>

#include "elb/support/http_fixtures.h"

namespace faultbox::elb {
namespace {

using namespace faultbox::elb::testing;
using std::chrono::milliseconds;

class AsioHealthProberTest : public ::testing::Test {
 protected:
  void SetUp() override {
    thread_ = std::thread([this] { data_plane_.run(); });
  }
  void TearDown() override {
    work_.reset();
    data_plane_.stop();
    thread_.join();
  }

  // Probes `target` on 127.0.0.1 and runs the control io_context until the result is back.
  std::optional<ProbeResult> probe(const std::string& target, Duration timeout = milliseconds(500),
                                   netfault::FlowFault fault = {}) {
    ProbeRequest request{1, "i-a", "127.0.0.1", *parse_health_target(target), timeout, fault};
    std::optional<ProbeResult> result;
    std::thread::id ran_on;
    prober_.probe(request, [&](ProbeResult r) {
      result = std::move(r);
      ran_on = std::this_thread::get_id();
      control_.stop();
    });
    auto work = net::make_work_guard(control_);  // the result is posted from another thread
    control_.restart();
    control_.run_for(std::chrono::seconds(5));
    EXPECT_EQ(ran_on, std::this_thread::get_id()) << "done must run on the control context";
    return result;
  }

  ManualClock clock_;
  net::io_context data_plane_;
  net::executor_work_guard<net::io_context::executor_type> work_{data_plane_.get_executor()};
  net::io_context control_;
  AsioHealthProber prober_{data_plane_, control_, clock_};
  std::thread thread_;
};

TEST_F(AsioHealthProberTest, HttpPassesOnlyOn200) {
  TestBackend backend("A");
  auto target = "HTTP:" + std::to_string(backend.port()) + "/health";
  auto result = probe(target);
  ASSERT_TRUE(result);
  EXPECT_TRUE(result->healthy) << result->detail;
  for (unsigned status : {204u, 302u, 500u}) {
    backend.set_status(status);
    result = probe(target);
    ASSERT_TRUE(result);
    EXPECT_FALSE(result->healthy) << status;
    EXPECT_EQ(result->detail, "HTTP " + std::to_string(status));
  }
}

TEST_F(AsioHealthProberTest, TcpPassesWhenTheConnectionOpens) {
  TestBackend backend("A");
  auto result = probe("TCP:" + std::to_string(backend.port()));
  ASSERT_TRUE(result);
  EXPECT_TRUE(result->healthy) << result->detail;
}

TEST_F(AsioHealthProberTest, RefusedConnectionFails) {
  auto result = probe("TCP:" + std::to_string(closed_port()));
  ASSERT_TRUE(result);
  EXPECT_FALSE(result->healthy);
  EXPECT_NE(result->detail.find("connecting"), std::string::npos) << result->detail;
}

TEST_F(AsioHealthProberTest, SilentBackendTimesOut) {
  SilentListener silent;
  auto started = std::chrono::steady_clock::now();
  auto result = probe("HTTP:" + std::to_string(silent.port()) + "/", milliseconds(200));
  ASSERT_TRUE(result);
  EXPECT_FALSE(result->healthy);
  EXPECT_NE(result->detail.find("timed out after 200 ms"), std::string::npos) << result->detail;
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(3));
}

// Faults on the lab's own paths: a delay is waited within the timeout, a drop of every packet
// times the check out.
TEST_F(AsioHealthProberTest, AFaultOnTheLabsPathIsWaitedOrTimesTheCheckOut) {
  TestBackend backend("A");
  auto target = "HTTP:" + std::to_string(backend.port()) + "/health";
  auto started = std::chrono::steady_clock::now();
  auto result = probe(target, milliseconds(500), {.delay_ms = 60});
  ASSERT_TRUE(result);
  EXPECT_TRUE(result->healthy) << result->detail;
  EXPECT_GE(std::chrono::steady_clock::now() - started, milliseconds(120));  // handshake, answer

  result = probe(target, milliseconds(500), {.delay_ms = 300});
  ASSERT_TRUE(result);
  EXPECT_FALSE(result->healthy);
  EXPECT_EQ(result->detail, "reading the response timed out after 500 ms");

  started = std::chrono::steady_clock::now();
  result = probe("TCP:" + std::to_string(backend.port()), milliseconds(200), {.drop_percent = 100});
  ASSERT_TRUE(result);
  EXPECT_FALSE(result->healthy);
  EXPECT_EQ(result->detail, "connecting timed out after 200 ms");
  EXPECT_GE(std::chrono::steady_clock::now() - started, milliseconds(200));
}

}  // namespace
}  // namespace faultbox::elb
