#include "traffic/traffic_loop.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <thread>

#include "net/http_server.h"

namespace faultbox::traffic {
namespace {

TEST(TrafficLoop, StopsAtCountAndSeesEveryAnswer) {
  boost::asio::io_context io;
  int served = 0;
  net::HttpServer server(io, [&served](net::HttpRequest, net::Reply reply) {
    ++served;
    reply(net::HttpResponse{served % 3 == 0 ? 503 : 200, "text/plain", {}, "x"});
  });
  ASSERT_TRUE(server.listen("127.0.0.1", 0));
  std::thread thread([&io] { io.run(); });

  TrafficOptions options;
  options.url = "http://127.0.0.1:" + std::to_string(server.port()) + "/";
  options.interval = std::chrono::milliseconds(1);
  options.count = 9;
  options.duration = std::chrono::seconds(10);
  std::atomic<bool> stop{false};
  std::string marks;
  auto stats = run_traffic(options, stop, [&marks](int s) { marks += s == 200 ? '.' : 'X'; });
  io.stop();
  thread.join();

  EXPECT_EQ(stats.requests(), 9u);
  EXPECT_EQ(stats.failures(), 3u);
  EXPECT_EQ(marks, "..X..X..X");
}

}  // namespace
}  // namespace faultbox::traffic
