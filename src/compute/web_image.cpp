// Beast server of the built-in web image: coroutines on one io_context, keep-alive.
#include "compute/web_image.h"

#include <fmt/format.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <thread>
#include <vector>

#include "core/markup_escape.h"
#include "core/socket_deadline.h"
#include "core/stop_listening.h"

namespace faultbox::compute {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
constexpr auto kAwait = asio::as_tuple(asio::use_awaitable);
constexpr auto kIdleTimeout = std::chrono::seconds(60);

struct Content {
  http::status status = http::status::ok;
  std::string type = "text/html; charset=utf-8";
  std::string body;
};

std::string content_type(const std::filesystem::path& file) {
  static const std::map<std::string, std::string> types{{".html", "text/html; charset=utf-8"},
                                                        {".htm", "text/html; charset=utf-8"},
                                                        {".css", "text/css"},
                                                        {".js", "text/javascript"},
                                                        {".json", "application/json"},
                                                        {".txt", "text/plain; charset=utf-8"},
                                                        {".png", "image/png"},
                                                        {".svg", "image/svg+xml"}};
  auto it = types.find(file.extension().string());
  return it == types.end() ? "application/octet-stream" : it->second;
}

// A file under the document root; ".." never leaves it.
Content file_content(const std::string& root, std::string_view target) {
  std::string path(target.substr(0, target.find('?')));
  if (path.find("..") != std::string::npos) {
    return {http::status::forbidden, "text/plain", "Forbidden\n"};
  }
  std::filesystem::path file = std::filesystem::path(root) / path.substr(1);
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) {
    file /= "index.html";
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return {http::status::not_found, "text/html; charset=utf-8",
            "<html><body><h1>Not Found</h1></body></html>\n"};
  }
  std::ostringstream body;
  body << in.rdbuf();
  return {http::status::ok, content_type(file), body.str()};
}

http::response<http::string_body> respond(const http::request<http::string_body>& req,
                                          const std::string& page,
                                          const std::string& document_root) {
  const bool get = req.method() == http::verb::get || req.method() == http::verb::head;
  Content content{http::status::ok, "text/html; charset=utf-8", page};
  if (get && !document_root.empty()) {
    content = file_content(document_root, req.target());
  }
  http::response<http::string_body> res{get ? content.status : http::status::method_not_allowed,
                                        req.version()};
  res.set(http::field::server, "faultbox-web");
  res.set(http::field::content_type, get ? content.type : "text/plain");
  if (!get) {
    res.set(http::field::allow, "GET, HEAD");
  }
  res.keep_alive(req.keep_alive());
  res.body() = get ? std::move(content.body) : "Method Not Allowed\n";
  res.prepare_payload();
  if (req.method() == http::verb::head) {
    res.body().clear();
  }
  return res;
}

struct Site {
  std::string page;
  std::string document_root;
};

asio::awaitable<void> session(tcp::socket socket, std::shared_ptr<const Site> site) {
  beast::tcp_stream stream(std::move(socket));
  SocketDeadline deadline(stream.socket());
  beast::flat_buffer buffer;
  for (;;) {
    http::request<http::string_body> req;
    deadline.expires_after(kIdleTimeout);  // for the read and the answer's write
    auto [read_ec, read_n] = co_await http::async_read(stream, buffer, req, kAwait);
    if (read_ec) {
      break;
    }
    auto res = respond(req, site->page, site->document_root);
    auto [write_ec, write_n] = co_await http::async_write(stream, res, kAwait);
    if (write_ec || !res.keep_alive()) {
      break;
    }
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

// Ends once stop_listening() has cancelled the accept, closing the listener.
asio::awaitable<void> accept_loop(tcp::acceptor& acceptor, std::shared_ptr<const Site> site) {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(kAwait);
    if (ec == asio::error::operation_aborted || ec == asio::error::invalid_argument) {
      close_listener(acceptor);
      co_return;
    }
    if (!ec) {
      asio::co_spawn(acceptor.get_executor(), session(std::move(socket), site), asio::detached);
    }
  }
}

}  // namespace

std::string render_workshop_page(const WebImageOptions& o) {
  return fmt::format(
      "<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"><title>{0}</title></head>\n"
      "<body>\n<h1>Server {0} ({1})</h1>\n"
      "<p>I'm running in Availability Zone {2}</p>\n</body>\n</html>\n",
      escape_markup(o.name, Markup::Html), escape_markup(o.instance_id, Markup::Html),
      escape_markup(o.availability_zone, Markup::Html));
}

int run_web_image(const WebImageOptions& options) {
  asio::io_context io;
  tcp::acceptor acceptor(io);
  beast::error_code ec;
  const auto address = asio::ip::make_address(options.address, ec);
  tcp::endpoint endpoint(address, options.port);
  if (!ec) {
    acceptor.open(endpoint.protocol(), ec);
  }
  if (!ec) {
    acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
    acceptor.bind(endpoint, ec);
  }
  if (!ec) {
    acceptor.listen(asio::socket_base::max_listen_connections, ec);
  }
  if (ec) {
    std::cerr << "instance-web: cannot listen on " << options.address << ":" << options.port << ": "
              << ec.message() << std::endl;
    return 1;
  }
  auto site =
      std::make_shared<const Site>(Site{render_workshop_page(options), options.document_root});
  asio::co_spawn(io, accept_loop(acceptor, site), asio::detached);
  asio::signal_set signals(io);
  if (options.handle_signals) {
    signals.add(SIGTERM);
    signals.add(SIGINT);
    signals.async_wait([&io](const beast::error_code&, int) { io.stop(); });
  }
  std::stop_callback on_stop(options.stop, [&io] { io.stop(); });
  if (options.on_listening) {
    options.on_listening(acceptor.local_endpoint().port());
  }
  std::vector<std::thread> extra;
  for (int t = 1; t < options.threads; ++t) {
    extra.emplace_back([&io] { io.run(); });
  }
  io.run();
  for (auto& t : extra) {
    t.join();
  }
  // The stop left the accept pending: let it return before the acceptor and the io_context go.
  stop_listening(acceptor);
  io.restart();
  while (acceptor.is_open() && io.run_one_for(std::chrono::seconds(1)) > 0) {
  }
  return 0;
}

WebImageOptions web_image_options_from_env() {
  WebImageOptions o;
  auto read = [](const char* name, std::string& into) {
    if (const char* v = std::getenv(name)) {
      into = v;
    }
  };
  read("ADDRESS", o.address);
  read("INSTANCE_ID", o.instance_id);
  read("NAME", o.name);
  read("AVAILABILITY_ZONE", o.availability_zone);
  read("REGION", o.region);
  if (const char* port = std::getenv("PORT")) {
    o.port = static_cast<unsigned short>(std::strtoul(port, nullptr, 10));
  }
  return o;
}

}  // namespace faultbox::compute
