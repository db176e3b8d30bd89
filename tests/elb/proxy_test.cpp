// The proxy on real sockets (127.0.0.1 only): round-robin, retry on a refused connection,
// 503/504, X-Forwarded-For, limits, metrics, bind failure and stop.
#include "elb/proxy.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/asio/executor_work_guard.hpp>
#include <optional>
#include <thread>
#include <vector>

#include "elb/support/http_fixtures.h"

namespace faultbox::elb {
namespace {

using namespace faultbox::elb::testing;
using std::chrono::milliseconds;

Backend backend(const std::string& id, std::uint16_t port) {
  return {id, "127.0.0.1", port, "eu-west-2a"};
}

std::shared_ptr<const BackendSnapshot> snapshot(std::vector<Backend> backends) {
  return std::make_shared<const BackendSnapshot>(BackendSnapshot{1, std::move(backends)});
}

class ProxyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int i = 0; i < 2; ++i) {
      threads_.emplace_back([this] { data_plane_.run(); });
    }
    ProxyOptions options;
    options.name = "panda-elb";
    options.backend_timeout = milliseconds(300);
    options.first_byte_timeout = milliseconds(100);
    options.max_header_bytes = 4096;
    proxy_.emplace(data_plane_, options);
    auto started = proxy_->start();
    ASSERT_TRUE(started) << started.error().to_string();
    ASSERT_NE(proxy_->bound_port(), 0);
  }
  void TearDown() override {
    proxy_->stop();
    work_.reset();
    data_plane_.stop();
    for (auto& thread : threads_) {
      thread.join();
    }
    proxy_.reset();
  }

  TestBackend a_{"A"};
  TestBackend b_{"B"};
  net::io_context data_plane_;
  net::executor_work_guard<net::io_context::executor_type> work_{data_plane_.get_executor()};
  std::vector<std::thread> threads_;
  std::optional<Proxy> proxy_;
};

TEST_F(ProxyTest, AlternatesBetweenBackendsOnOneKeepAliveConnection) {
  proxy_->publish(snapshot({backend("i-a", a_.port()), backend("i-b", b_.port())}));
  TestClient client(proxy_->bound_port());
  std::vector<std::string> bodies;
  for (int i = 0; i < 6; ++i) {
    auto reply = client.get("/");
    ASSERT_EQ(reply.error, "");
    EXPECT_EQ(reply.status, 200u);
    EXPECT_TRUE(reply.keep_alive);
    bodies.push_back(reply.body);
  }
  for (std::size_t i = 1; i < bodies.size(); ++i) {
    EXPECT_NE(bodies[i], bodies[i - 1]) << "request " << i;
  }
  EXPECT_EQ(a_.requests(), 3);
  EXPECT_EQ(b_.requests(), 3);
  auto metrics = proxy_->take_metrics();
  EXPECT_EQ(metrics.count(Metric::Requests), 6u);
  EXPECT_EQ(metrics.count(Metric::Backend2xx), 6u);
  EXPECT_EQ(metrics.count(Metric::Elb5xx), 0u);
  EXPECT_EQ(metrics.latency_count, 6u);
  EXPECT_GT(metrics.latency_sum, 0.0);
  EXPECT_GE(metrics.latency_sum, metrics.latency_max);
  EXPECT_EQ(proxy_->take_metrics().count(Metric::Requests), 0u);
}

TEST_F(ProxyTest, RetriesOnTheNextBackendWhenAConnectionIsRefused) {
  proxy_->publish(snapshot({backend("i-dead", closed_port()), backend("i-a", a_.port())}));
  TestClient client(proxy_->bound_port());
  for (int i = 0; i < 4; ++i) {
    auto reply = client.get("/");
    ASSERT_EQ(reply.error, "");
    EXPECT_EQ(reply.status, 200u);
    EXPECT_EQ(reply.body, "A");
  }
  // The refused instance is out of rotation after its first failure (passive check).
  auto metrics = proxy_->take_metrics();
  EXPECT_EQ(metrics.count(Metric::BackendConnectionErrors), 1u);
  EXPECT_EQ(metrics.count(Metric::Elb5xx), 0u);
  EXPECT_EQ(metrics.count(Metric::Backend2xx), 4u);
}

TEST_F(ProxyTest, PassiveCheckKeepsAFailedInstanceOutUntilAnActiveCheckPasses) {
  std::optional<TestBackend> b(std::in_place, "B");
  const auto b_port = b->port();
  proxy_->publish(snapshot({backend("i-a", a_.port()), backend("i-b", b_port)}));
  TestClient client(proxy_->bound_port());
  ASSERT_EQ(client.get("/").status, 200u);
  ASSERT_EQ(client.get("/").status, 200u);
  b.reset();  // its sockets close: refused from now on
  for (int i = 0; i < 4; ++i) {
    auto reply = client.get("/");
    EXPECT_EQ(reply.status, 200u);
    EXPECT_EQ(reply.body, "A");
  }
  EXPECT_EQ(proxy_->take_metrics().count(Metric::BackendConnectionErrors), 1u);
  // The instance comes back (same address, a new backend on the port) but stays out of
  // rotation until the control plane reports a passing active check.
  TestBackend revived("B2", b_port);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(client.get("/").body, "A");
  }
  proxy_->health_check_passed("i-b");
  std::vector<std::string> bodies;
  for (int i = 0; i < 4; ++i) {
    bodies.push_back(client.get("/").body);
  }
  EXPECT_EQ(std::count(bodies.begin(), bodies.end(), "B2"), 2) << "back in round-robin";
}

TEST_F(ProxyTest, RetriesASafeRequestElsewhereWhenAnInstanceStaysSilent) {
  SilentListener frozen;
  proxy_->publish(snapshot({backend("i-frozen", frozen.port()), backend("i-a", a_.port())}));
  TestClient client(proxy_->bound_port());
  for (int i = 0; i < 4; ++i) {
    auto started = std::chrono::steady_clock::now();
    auto reply = client.get("/");
    auto took = std::chrono::steady_clock::now() - started;
    ASSERT_EQ(reply.error, "");
    EXPECT_EQ(reply.status, 200u);
    EXPECT_EQ(reply.body, "A");
    // first_byte_timeout is 100 ms here; the backend timeout 300 ms.
    EXPECT_LT(took, milliseconds(280)) << "request " << i;
  }
  EXPECT_EQ(proxy_->take_metrics().count(Metric::Elb5xx), 0u);
}

// An instance killed while a request is on its fresh connection: a safe request is answered by
// the next instance, and the dead one is out of rotation for the ones after it.
TEST_F(ProxyTest, RetriesASafeRequestElsewhereWhenAnInstanceResetsItUnanswered) {
  ResettingListener dying;
  proxy_->publish(snapshot({backend("i-dying", dying.port()), backend("i-a", a_.port())}));
  TestClient client(proxy_->bound_port());
  for (int i = 0; i < 4; ++i) {
    auto reply = client.get("/");
    ASSERT_EQ(reply.error, "");
    EXPECT_EQ(reply.status, 200u) << "request " << i;
    EXPECT_EQ(reply.body, "A");
  }
  EXPECT_EQ(dying.resets(), 1) << "tried once, then out of rotation";
  EXPECT_EQ(proxy_->take_metrics().count(Metric::Elb5xx), 0u);
}

// The same reset for a POST is a 502: the instance may have acted on it.
TEST_F(ProxyTest, DoesNotRepeatAnUnsafeRequestAnInstanceReset) {
  ResettingListener dying;
  proxy_->publish(snapshot({backend("i-dying", dying.port()), backend("i-a", a_.port())}));
  TestClient client(proxy_->bound_port());
  http::request<http::string_body> post{http::verb::post, "/orders", 11};
  post.set(http::field::host, "lab");
  post.body() = "{}";
  auto reply = client.send(std::move(post));
  ASSERT_EQ(reply.error, "");
  const bool went_to_a = reply.status == 200u;
  EXPECT_TRUE(went_to_a || reply.status == 502u) << reply.status;
  EXPECT_EQ(a_.requests() + dying.resets(), 1) << "sent once";
}

TEST_F(ProxyTest, DoesNotRepeatAnUnsafeRequestOnASilentInstance) {
  SilentListener frozen;
  proxy_->publish(snapshot({backend("i-frozen", frozen.port())}));
  http::request<http::string_body> post{http::verb::post, "/orders", 11};
  post.set(http::field::host, "lab");
  post.body() = "{}";
  TestClient client(proxy_->bound_port());
  auto reply = client.send(std::move(post));
  ASSERT_EQ(reply.error, "");
  EXPECT_EQ(reply.status, 504u);
}

// Faults on the lab's own paths (no kernel filter): a delayed backend answers that much later;
// a backend whose packets are all dropped gets none of the requests (its warm connection stays
// silent, so the request goes to the next one, and it is out of rotation after that).
TEST_F(ProxyTest, WaitsOrGivesUpAsTheLabsPathFaultsSay) {
  auto slow = backend("i-a", a_.port());
  slow.path_faults.push_back({a_.port(), {.delay_ms = 80}});
  proxy_->publish(snapshot({slow}));
  TestClient client(proxy_->bound_port());
  for (int i = 0; i < 2; ++i) {
    const auto started = std::chrono::steady_clock::now();
    auto reply = client.get("/");
    EXPECT_EQ(reply.status, 200u) << reply.error;
    EXPECT_GE(std::chrono::steady_clock::now() - started, milliseconds(80)) << "request " << i;
  }

  auto cut = backend("i-a", a_.port());
  cut.path_faults.push_back({a_.port(), {.drop_percent = 100}});
  proxy_->publish(snapshot({cut, backend("i-b", b_.port())}));
  for (int i = 0; i < 4; ++i) {
    auto reply = client.get("/");
    EXPECT_EQ(reply.status, 200u) << reply.error;
    EXPECT_EQ(reply.body, "B") << "request " << i;
  }
  EXPECT_EQ(a_.requests(), 2);
}

TEST_F(ProxyTest, Answers503WithoutBackendsOrWhenAllConnectionsFail) {
  TestClient client(proxy_->bound_port());
  auto reply = client.get("/");
  ASSERT_EQ(reply.error, "");
  EXPECT_EQ(reply.status, 503u);
  EXPECT_LT(reply.body.size(), 200u);
  proxy_->publish(snapshot({backend("i-dead", closed_port())}));
  reply = client.get("/");
  EXPECT_EQ(reply.status, 503u);
  auto metrics = proxy_->take_metrics();
  EXPECT_EQ(metrics.count(Metric::Requests), 2u);
  EXPECT_EQ(metrics.count(Metric::Elb5xx), 2u);
  EXPECT_EQ(metrics.count(Metric::BackendConnectionErrors), 1u);
  EXPECT_EQ(metrics.latency_count, 0u);
}

TEST_F(ProxyTest, Answers504WhenTheBackendNeverAnswers) {
  SilentListener silent;
  proxy_->publish(snapshot({backend("i-frozen", silent.port())}));
  TestClient client(proxy_->bound_port());
  auto reply = client.get("/");
  ASSERT_EQ(reply.error, "");
  EXPECT_EQ(reply.status, 504u);
  EXPECT_EQ(proxy_->take_metrics().count(Metric::Elb5xx), 1u);
}

TEST_F(ProxyTest, AppendsTheClientToXForwardedFor) {
  proxy_->publish(snapshot({backend("i-a", a_.port())}));
  TestClient client(proxy_->bound_port());
  http::fields extra;
  extra.set("X-Forwarded-For", "203.0.113.7");
  ASSERT_EQ(client.get("/", extra).status, 200u);
  EXPECT_EQ(a_.last_forwarded_for(), "203.0.113.7, 127.0.0.1");
  ASSERT_EQ(client.get("/").status, 200u);
  EXPECT_EQ(a_.last_forwarded_for(), "127.0.0.1");
}

TEST_F(ProxyTest, CountsBackendStatusClasses) {
  proxy_->publish(snapshot({backend("i-a", a_.port())}));
  TestClient client(proxy_->bound_port());
  for (unsigned status : {200u, 302u, 404u, 500u, 503u}) {
    a_.set_status(status);
    EXPECT_EQ(client.get("/").status, status);
  }
  auto metrics = proxy_->take_metrics();
  EXPECT_EQ(metrics.count(Metric::Backend2xx), 1u);
  EXPECT_EQ(metrics.count(Metric::Backend3xx), 1u);
  EXPECT_EQ(metrics.count(Metric::Backend4xx), 1u);
  EXPECT_EQ(metrics.count(Metric::Backend5xx), 2u);
  EXPECT_EQ(metrics.count(Metric::Elb5xx), 0u);
}

TEST_F(ProxyTest, RejectsOversizedHeadersWith431) {
  proxy_->publish(snapshot({backend("i-a", a_.port())}));
  TestClient client(proxy_->bound_port());
  http::fields extra;
  extra.set("X-Big", std::string(8000, 'x'));
  auto reply = client.get("/", extra);
  ASSERT_EQ(reply.error, "");
  EXPECT_EQ(reply.status, 431u);
  EXPECT_FALSE(reply.keep_alive);
  EXPECT_EQ(a_.requests(), 0);
  EXPECT_EQ(proxy_->take_metrics().count(Metric::Elb4xx), 1u);
}

TEST_F(ProxyTest, RunsOnEventLoopsOfItsOwn) {
  ProxyOptions options;
  options.name = "looped";
  options.threads = 2;
  std::optional<Proxy> looped(std::in_place, data_plane_, options);
  ASSERT_TRUE(looped->start());
  looped->publish(snapshot({backend("i-a", a_.port()), backend("i-b", b_.port())}));
  std::vector<std::unique_ptr<TestClient>> clients;
  for (int c = 0; c < 4; ++c) {
    clients.push_back(std::make_unique<TestClient>(looped->bound_port()));
  }
  for (int i = 0; i < 4; ++i) {
    for (auto& client : clients) {
      auto reply = client->get("/");
      ASSERT_EQ(reply.error, "");
      EXPECT_EQ(reply.status, 200u);
    }
  }
  EXPECT_EQ(a_.requests(), 8);
  EXPECT_EQ(b_.requests(), 8);
  EXPECT_EQ(looped->take_metrics().count(Metric::Backend2xx), 16u);
  looped.reset();  // stops and joins its threads
  EXPECT_NE(clients[0]->get("/").error, "") << "connections closed with the proxy";
}

TEST_F(ProxyTest, FailsClearlyWhenThePortIsTaken) {
  ProxyOptions options;
  options.name = "second";
  options.port = proxy_->bound_port();
  Proxy second(data_plane_, options);
  auto started = second.start();
  ASSERT_FALSE(started);
  EXPECT_NE(
      started.error().message.find("cannot listen on 127.0.0.1:" + std::to_string(options.port)),
      std::string::npos)
      << started.error().message;
  options.address = "not-an-ip";
  EXPECT_FALSE(Proxy(data_plane_, options).start());
}

TEST_F(ProxyTest, StopClosesClientConnectionsAndTheListener) {
  proxy_->publish(snapshot({backend("i-a", a_.port())}));
  TestClient client(proxy_->bound_port());
  ASSERT_EQ(client.get("/").status, 200u);
  proxy_->stop();
  std::this_thread::sleep_for(milliseconds(100));  // the close runs on the data plane
  EXPECT_NE(client.get("/").error, "") << "the open connection was closed";
  TestClient late(proxy_->bound_port());
  EXPECT_NE(late.get("/").error, "") << "nothing listens any more";
}

TEST(ProxyLoopYield, AutomaticYieldsOnlyWhenLoopsLeaveCoresToOthers) {
  using Yield = ProxyOptions::Yield;
  EXPECT_TRUE(loops_should_yield(Yield::automatic, 1, 2));
  EXPECT_TRUE(loops_should_yield(Yield::automatic, 2, 8));
  EXPECT_FALSE(loops_should_yield(Yield::automatic, 2, 2));
  EXPECT_FALSE(loops_should_yield(Yield::automatic, 1, 1));
  EXPECT_TRUE(loops_should_yield(Yield::on, 2, 2));
  EXPECT_FALSE(loops_should_yield(Yield::off, 1, 8));
}

}  // namespace
}  // namespace faultbox::elb
