// Runs the built-in web image on 127.0.0.1 with an ephemeral port and fetches the page.
#include "compute/web_image.h"

#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <future>
#include <thread>

namespace faultbox::compute {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

TEST(WebImage, PageNamesServerAndAz) {
  WebImageOptions o{.instance_id = "i-0123456789abcdef0",
                    .name = "panda<web>",
                    .availability_zone = "eu-west-2c"};
  const auto page = render_workshop_page(o);
  EXPECT_NE(page.find("Server panda&lt;web&gt; (i-0123456789abcdef0)"), std::string::npos);
  EXPECT_NE(page.find("I'm running in Availability Zone eu-west-2c"), std::string::npos);
}

TEST(WebImage, ServesThePageWithKeepAliveAndStopsOnRequest) {
  std::stop_source stop;
  std::promise<unsigned short> listening;
  WebImageOptions o{.address = "127.0.0.1",
                    .port = 0,
                    .instance_id = "i-0123456789abcdef0",
                    .name = "web-1",
                    .availability_zone = "eu-west-2a",
                    .handle_signals = false,
                    .stop = stop.get_token(),
                    .on_listening = [&](unsigned short p) { listening.set_value(p); }};
  int rc = -1;
  std::thread server([&] { rc = run_web_image(o); });
  auto port_future = listening.get_future();
  if (port_future.wait_for(std::chrono::seconds(5)) != std::future_status::ready) {
    stop.request_stop();
    server.join();
    FAIL() << "server did not start";
  }
  const unsigned short port = port_future.get();

  asio::io_context io;
  beast::tcp_stream stream(io);
  stream.expires_after(std::chrono::seconds(5));
  stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  for (int n = 0; n < 2; ++n) {  // two requests on one connection
    http::request<http::empty_body> req{http::verb::get, "/", 11};
    req.set(http::field::host, "127.0.0.1");
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(stream, buffer, res);
    EXPECT_EQ(res.result_int(), 200);
    EXPECT_NE(res.body().find("Server web-1 (i-0123456789abcdef0)"), std::string::npos);
    EXPECT_NE(res.body().find("I'm running in Availability Zone eu-west-2a"), std::string::npos);
  }
  beast::error_code ec;
  stream.socket().close(ec);
  stop.request_stop();
  server.join();
  EXPECT_EQ(rc, 0);
}

TEST(WebImage, BindFailureReturnsOne) {
  WebImageOptions o{.address = "not-an-address", .port = 0, .handle_signals = false};
  EXPECT_EQ(run_web_image(o), 1);
}

}  // namespace
}  // namespace faultbox::compute
