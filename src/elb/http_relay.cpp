// HTTP/1.1 messages as the proxy passes them on: parser callbacks that write the header lines
// the other side gets, and the header lines the proxy adds.
#include "elb/http_relay.h"

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/field.hpp>
#include <charconv>

namespace faultbox::elb::detail {
namespace {

// Headers that concern one connection, not the message (RFC 9110 §7.6.1), and Proxy-*.
bool hop_by_hop(http::field name) {
  switch (name) {
    case http::field::connection:
    case http::field::keep_alive:
    case http::field::proxy_connection:
    case http::field::proxy_authenticate:
    case http::field::te:
    case http::field::trailer:
    case http::field::transfer_encoding:
    case http::field::upgrade:
      return true;
    default:
      return false;
  }
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

void append_field(std::string& lines, BeastView name, BeastView value) {
  lines.append(name.data(), name.size());
  lines.append(": ");
  lines.append(value.data(), value.size());
  lines.append("\r\n");
}

// Erases from `lines` (from `from` on) every "Name: value\r\n" line called `name`.
void erase_field_lines(std::string& lines, std::size_t from, std::string_view name) {
  std::size_t pos = from;
  while (pos < lines.size()) {
    auto end = lines.find("\r\n", pos);
    end = end == std::string::npos ? lines.size() : end + 2;
    auto colon = lines.find(':', pos);
    if (colon < end &&
        boost::beast::iequals(std::string_view(lines).substr(pos, colon - pos), name)) {
      lines.erase(pos, end - pos);
    } else {
      pos = end;
    }
  }
}

// The Connection header may name further hop-by-hop fields ("Connection: close, X-Hop").
void erase_named_by_connection(std::string& lines, std::size_t from, std::string_view connection) {
  while (!connection.empty()) {
    auto comma = connection.find(',');
    auto token = trim(connection.substr(0, comma));
    if (!token.empty() && !boost::beast::iequals(token, "close") &&
        !boost::beast::iequals(token, "keep-alive")) {
      erase_field_lines(lines, from, token);
    }
    connection =
        comma == std::string_view::npos ? std::string_view() : connection.substr(comma + 1);
  }
}

void append_number(std::string& out, std::uint64_t n) {
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, n);
  out.append(digits, end);
}

// Bodies on their way through: limits are the parser's (body_limit).
std::size_t append_body(std::string& body, BeastView piece) {
  body.append(piece.data(), piece.size());
  return piece.size();
}

}  // namespace

void Outgoing::clear() {
  head.clear();
  body.clear();
  forwarded_for.clear();
  method = http::verb::unknown;
  version = 11;
}

void Reply::clear() {
  status = 0;
  reason.clear();
  fields.clear();
  content_length.clear();
  body.clear();
}

RequestReader::RequestReader(Outgoing& out) : out_(out) { out_.clear(); }

void RequestReader::on_request_impl(http::verb method, BeastView method_str, BeastView target,
                                    int version, boost::system::error_code&) {
  out_.method = method;
  out_.version = static_cast<unsigned>(version);
  out_.head.append(method_str.data(), method_str.size());
  out_.head.push_back(' ');
  out_.head.append(target.data(), target.size());
  out_.head.append(" HTTP/1.1\r\n");
}

void RequestReader::on_field_impl(http::field name, BeastView name_string, BeastView value,
                                  boost::system::error_code&) {
  if (name == http::field::connection) {
    connection_.append(value.data(), value.size()).push_back(',');
    return;
  }
  if (name == http::field::unknown && boost::beast::iequals(name_string, "X-Forwarded-For")) {
    if (!seen_forwarded_for_) {  // the first one, as a header container's lookup would give
      seen_forwarded_for_ = true;
      out_.forwarded_for.assign(value.data(), value.size());
    }
    return;
  }
  if (hop_by_hop(name) || name == http::field::content_length ||
      (name == http::field::unknown && (boost::beast::iequals(name_string, "X-Forwarded-Proto") ||
                                        boost::beast::iequals(name_string, "X-Forwarded-Port")))) {
    return;  // the proxy sets these itself
  }
  append_field(out_.head, name_string, value);
}

void RequestReader::on_header_impl(boost::system::error_code&) {
  if (!connection_.empty()) {
    erase_named_by_connection(out_.head, out_.head.find("\r\n") + 2, connection_);
  }
}

void RequestReader::on_body_init_impl(const boost::optional<std::uint64_t>& length,
                                      boost::system::error_code&) {
  if (length && *length <= (1u << 20)) {
    out_.body.reserve(*length);
  }
}

std::size_t RequestReader::on_body_impl(BeastView body, boost::system::error_code&) {
  return append_body(out_.body, body);
}

std::size_t RequestReader::on_chunk_body_impl(std::uint64_t, BeastView body,
                                              boost::system::error_code&) {
  return append_body(out_.body, body);
}

ResponseReader::ResponseReader(Reply& out) : out_(out) { out_.clear(); }

void ResponseReader::on_response_impl(int code, BeastView reason, int, boost::system::error_code&) {
  out_.status = static_cast<unsigned>(code);
  out_.reason.assign(reason.data(), reason.size());
}

void ResponseReader::on_field_impl(http::field name, BeastView name_string, BeastView value,
                                   boost::system::error_code&) {
  if (name == http::field::connection) {
    connection_.append(value.data(), value.size()).push_back(',');
    return;
  }
  if (name == http::field::content_length) {
    out_.content_length.assign(value.data(), value.size());
    return;
  }
  if (!hop_by_hop(name)) {
    append_field(out_.fields, name_string, value);
  }
}

void ResponseReader::on_header_impl(boost::system::error_code&) {
  if (!connection_.empty()) {
    erase_named_by_connection(out_.fields, 0, connection_);
  }
}

void ResponseReader::on_body_init_impl(const boost::optional<std::uint64_t>& length,
                                       boost::system::error_code&) {
  if (length && *length <= (1u << 20)) {
    out_.body.reserve(*length);
  }
}

std::size_t ResponseReader::on_body_impl(BeastView body, boost::system::error_code&) {
  return append_body(out_.body, body);
}

std::size_t ResponseReader::on_chunk_body_impl(std::uint64_t, BeastView body,
                                               boost::system::error_code&) {
  return append_body(out_.body, body);
}

void finish_outgoing_head(Outgoing& request, std::string_view client_ip, std::uint16_t port) {
  auto& head = request.head;
  // A Classic ELB appends the client's address to any X-Forwarded-For the client sent.
  head.append("X-Forwarded-For: ");
  if (!request.forwarded_for.empty()) {
    head.append(request.forwarded_for).append(", ");
  }
  head.append(client_ip).append("\r\nX-Forwarded-Proto: http\r\nX-Forwarded-Port: ");
  append_number(head, port);
  head.append("\r\n");
  // As a header container's prepare_payload: a length when there is a body, and 0 for the
  // methods whose empty body still needs saying so.
  const auto m = request.method;
  if (!request.body.empty() || m == http::verb::options || m == http::verb::put ||
      m == http::verb::post) {
    head.append("Content-Length: ");
    append_number(head, request.body.size());
    head.append("\r\n");
  }
  head.append("\r\n");
}

void render_reply_head(const Reply& reply, unsigned version, bool keep_alive, bool head_request,
                       std::string& head) {
  head.clear();
  head.append(version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ");
  append_number(head, reply.status);
  head.push_back(' ');
  if (reply.reason.empty()) {
    auto reason = http::obsolete_reason(http::int_to_status(reply.status));
    head.append(reason.data(), reason.size());
  } else {
    head.append(reply.reason);
  }
  head.append("\r\n");
  head.append(reply.fields);
  const bool bodiless = reply.status / 100 == 1 || reply.status == 204 || reply.status == 304;
  if (head_request) {  // the length of the body a GET would have had
    if (!reply.content_length.empty()) {
      head.append("Content-Length: ").append(reply.content_length).append("\r\n");
    }
  } else if (!bodiless) {
    head.append("Content-Length: ");
    append_number(head, reply.body.size());
    head.append("\r\n");
  }
  if (version >= 11 && !keep_alive) {
    head.append("Connection: close\r\n");
  } else if (version == 10 && keep_alive) {
    head.append("Connection: keep-alive\r\n");
  }
  head.append("\r\n");
}

void elb_reply(Reply& reply, http::status status) {
  reply.clear();
  reply.status = static_cast<unsigned>(status);
  reply.fields = "Content-Type: text/plain\r\n";
  auto reason = http::obsolete_reason(status);
  reply.body.append(std::to_string(reply.status)).push_back(' ');
  reply.body.append(reason.data(), reason.size()).push_back('\n');
}

}  // namespace faultbox::elb::detail
