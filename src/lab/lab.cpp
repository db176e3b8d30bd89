#include "lab/lab.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "lab/lab_file.h"
#include "net/http_server.h"

namespace faultbox::lab {

namespace asio = boost::asio;
using net::HttpRequest;
using net::HttpResponse;

namespace {
HttpResponse json_response(int status, const nlohmann::json& body) {
  HttpResponse r;
  r.status = status;
  r.body = body.dump();
  return r;
}

HttpResponse error_response(const Error& e) {
  return json_response(e.http_status, {{"__type", e.code}, {"message", e.message}});
}
}  // namespace

struct Lab::Impl {
  explicit Impl(LabOptions o)
      : options(std::move(o)),
        clock(options.speed),
        server(control, [this](HttpRequest req, net::Reply reply) {
          handle(std::move(req), std::move(reply));
        }),
        signals(control, SIGINT, SIGTERM) {}

  void handle(HttpRequest req, net::Reply reply) {
    auto path = req.path();
    if (path == "/_faultbox/health") {
      reply(json_response(200, {{"status", "ok"},
                                {"pid", ::getpid()},
                                {"speed", options.speed},
                                {"data_dir", std::filesystem::absolute(options.data_dir)},
                                {"time", format_iso8601(clock.now())}}));
      return;
    }
    if (path == "/_faultbox/shutdown" && req.method == "POST") {
      reply(json_response(200, {{"status", "stopping"}}));
      asio::post(control, [this] { shutdown(); });
      return;
    }
    reply(error_response(errors::not_found("no route for " + req.method + " " + path)));
  }

  void shutdown() {
    spdlog::info("lab shutting down");
    server.stop();
    signals.cancel();
    remove_lab_file(options.data_dir);
    control.stop();
  }

  LabOptions options;
  asio::io_context control{1};
  LabClock clock;
  net::HttpServer server;
  asio::signal_set signals;
};

Lab::Lab(LabOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Lab::~Lab() = default;

Result<void> Lab::run() {
  auto& im = *impl_;
  std::error_code ec;
  std::filesystem::create_directories(im.options.data_dir, ec);
  if (ec) {
    return errors::internal("cannot create data directory " + im.options.data_dir + ": " +
                            ec.message());
  }
  FAULTBOX_TRY_VOID(im.server.listen(im.options.address, im.options.port));
  LabFile file{::getpid(), im.options.address, im.server.port(), im.options.speed};
  FAULTBOX_TRY_VOID(write_lab_file(im.options.data_dir, file));
  im.signals.async_wait([&im](const std::error_code& error, int) {
    if (!error) {
      im.shutdown();
    }
  });
  spdlog::info("lab listening on {} (speed {}x, data in {})", file.base_url(), im.options.speed,
               im.options.data_dir);
  im.control.run();
  return {};
}

}  // namespace faultbox::lab
