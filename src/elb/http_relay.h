// Data-plane internals (included by .cpp files only): HTTP/1.1 messages as the proxy passes
// them on. Beast's basic_parser checks the syntax, framing and limits; instead of building a
// header container and a body object per message, the parsers here write the header lines the
// other side gets straight into reused strings, without the hop-by-hop ones.
#pragma once

#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/verb.hpp>
#include <cstdint>
#include <string>
#include <string_view>

namespace faultbox::elb::detail {

namespace http = boost::beast::http;
using BeastView = boost::beast::string_view;  // the parser callbacks' string type

// A request on its way to a backend: its request line and the header lines it keeps.
struct Outgoing {
  std::string head;           // "METHOD target HTTP/1.1\r\n" and kept "Name: value\r\n" lines
  std::string body;           // decoded (a chunked request is passed on with a Content-Length)
  std::string forwarded_for;  // the client's X-Forwarded-For, if it sent one
  http::verb method = http::verb::unknown;
  unsigned version = 11;
  void clear();
};

// An answer on its way to the client: from a backend, or the load balancer's own.
struct Reply {
  unsigned status = 0;
  std::string reason;
  std::string fields;          // kept "Name: value\r\n" lines, no framing or hop-by-hop ones
  std::string content_length;  // the backend's Content-Length value (kept for HEAD answers)
  std::string body;
  void clear();
};

// Parses a client's request into an Outgoing (fields other than hop-by-hop, Content-Length and
// the X-Forwarded-* the proxy sets itself).
class RequestReader final : public http::basic_parser<true> {
 public:
  explicit RequestReader(Outgoing& out);

 private:
  void on_request_impl(http::verb method, BeastView method_str, BeastView target, int version,
                       boost::system::error_code& ec) override;
  void on_response_impl(int, BeastView, int, boost::system::error_code&) override {}
  void on_field_impl(http::field name, BeastView name_string, BeastView value,
                     boost::system::error_code& ec) override;
  void on_header_impl(boost::system::error_code& ec) override;
  void on_body_init_impl(const boost::optional<std::uint64_t>& length,
                         boost::system::error_code& ec) override;
  std::size_t on_body_impl(BeastView body, boost::system::error_code& ec) override;
  void on_chunk_header_impl(std::uint64_t, BeastView, boost::system::error_code&) override {}
  std::size_t on_chunk_body_impl(std::uint64_t, BeastView body,
                                 boost::system::error_code& ec) override;
  void on_finish_impl(boost::system::error_code&) override {}

  Outgoing& out_;
  std::string connection_;  // the Connection header: it may name more hop-by-hop fields
  bool seen_forwarded_for_ = false;
};

// Parses a backend's answer into a Reply.
class ResponseReader final : public http::basic_parser<false> {
 public:
  explicit ResponseReader(Reply& out);

 private:
  void on_request_impl(http::verb, BeastView, BeastView, int, boost::system::error_code&) override {
  }
  void on_response_impl(int code, BeastView reason, int version,
                        boost::system::error_code& ec) override;
  void on_field_impl(http::field name, BeastView name_string, BeastView value,
                     boost::system::error_code& ec) override;
  void on_header_impl(boost::system::error_code& ec) override;
  void on_body_init_impl(const boost::optional<std::uint64_t>& length,
                         boost::system::error_code& ec) override;
  std::size_t on_body_impl(BeastView body, boost::system::error_code& ec) override;
  void on_chunk_header_impl(std::uint64_t, BeastView, boost::system::error_code&) override {}
  std::size_t on_chunk_body_impl(std::uint64_t, BeastView body,
                                 boost::system::error_code& ec) override;
  void on_finish_impl(boost::system::error_code&) override {}

  Reply& out_;
  std::string connection_;
};

// The request's header as the backend gets it: HTTP/1.1, keep-alive, X-Forwarded-For (the
// client appended to what it sent), -Proto and -Port, and the body's length.
void finish_outgoing_head(Outgoing& request, std::string_view client_ip, std::uint16_t port);

// The reply's header as the client gets it, in `head`.
void render_reply_head(const Reply& reply, unsigned version, bool keep_alive, bool head_request,
                       std::string& head);

// The load balancer's own answer (503, 504, 400, ...) with a small text body.
void elb_reply(Reply& reply, http::status status);

}  // namespace faultbox::elb::detail
