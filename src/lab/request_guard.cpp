#include "lab/request_guard.h"

#include <fmt/format.h>

#include <boost/asio/ip/address.hpp>
#include <random>

#include "core/utf8.h"

namespace faultbox::lab {

namespace {
// "127.0.0.1:4566" -> "127.0.0.1", "[::1]:4566" -> "::1", "localhost" -> "localhost".
std::string host_name(const std::string& host) {
  if (!host.empty() && host.front() == '[') {
    auto close = host.find(']');
    return close == std::string::npos ? host : host.substr(1, close - 1);
  }
  return host.substr(0, host.find(':'));
}

bool is_own_host(const std::string& host) {
  auto name = host_name(host);
  boost::system::error_code ec;
  boost::asio::ip::make_address(name, ec);
  return !ec || name == "localhost" || name.ends_with(".localhost");
}

Error denied(std::string message) { return errors::access_denied(std::move(message)); }
}  // namespace

std::string random_token() {
  std::random_device device;
  return fmt::format("{:08x}{:08x}{:08x}{:08x}", device(), device(), device(), device());
}

std::optional<Error> refusal_of(const net::HttpRequest& request, const LabTokens& tokens) {
  auto host = request.header("host");
  if (host && !is_own_host(*host)) {
    return denied("the Host header names \"" + to_valid_utf8(*host) +
                  "\", which is not the lab's address; call it by an address (127.0.0.1) or "
                  "localhost");
  }
  bool reads = request.method == "GET" || request.method == "HEAD";
  auto site = request.header("sec-fetch-site");
  bool navigation = reads && request.header("sec-fetch-mode").value_or("") == "navigate";
  if (site && (*site == "cross-site" || *site == "same-site") && !navigation) {
    return denied("a request from another site's page (Sec-Fetch-Site: " + to_valid_utf8(*site) +
                  "); the lab answers its own console and its clients only");
  }
  auto origin = request.header("origin");
  if (origin && (!host || *origin != "http://" + *host)) {
    return denied("a request from the page of " + to_valid_utf8(*origin) +
                  "; the lab answers its own console and its clients only");
  }
  if (reads || request.path().rfind("/_faultbox/", 0) != 0) {
    return std::nullopt;
  }
  auto token = request.header(kTokenHeader).value_or("");
  bool control = !tokens.control.empty() && token == tokens.control;
  bool console = !tokens.console.empty() && token == tokens.console;
  if (request.path() == "/_faultbox/shutdown" && !control) {
    return denied("only the faultbox command of the lab's user stops the lab (faultbox down)");
  }
  if (!control && !console) {
    return denied(
        "this lab route changes the lab and needs the token of its console or of the faultbox "
        "command (in lab.json, readable by the lab's user)");
  }
  return std::nullopt;
}

}  // namespace faultbox::lab
