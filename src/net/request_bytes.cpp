#include "net/request_bytes.h"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/parser.hpp>

namespace faultbox::net {

HttpRequest request_of(const boost::beast::http::request<boost::beast::http::string_body>& in) {
  HttpRequest out;
  out.method = std::string(in.method_string());
  out.target = std::string(in.target());
  for (const auto& field : in) {
    out.headers[to_lower(std::string(field.name_string()))] = std::string(field.value());
  }
  out.body = in.body();
  return out;
}

std::optional<HttpRequest> request_from_bytes(std::string_view bytes, const HttpLimits& limits) {
  boost::beast::http::request_parser<boost::beast::http::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(limits.header_bytes));
  parser.body_limit(limits.body_bytes);
  parser.eager(true);
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(bytes.data(), bytes.size()), ec);
  if (!ec && !parser.is_done()) {
    parser.put_eof(ec);
  }
  if (ec || !parser.is_done()) {
    return std::nullopt;
  }
  return request_of(parser.get());
}

}  // namespace faultbox::net
