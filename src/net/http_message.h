// Plain HTTP request/response values shared by the lab's server, its client and its handlers.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace faultbox::net {

// Header names are stored lower-case so lookups are case-insensitive.
using Headers = std::map<std::string, std::string>;

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string target;  // path and query, e.g. "/_faultbox/health?x=1"
  Headers headers;
  std::string body;
  std::string remote_address;
  std::string local_address;
  std::uint16_t remote_port = 0;  // with the addresses: which connection (net/peer_socket.h)
  std::uint16_t local_port = 0;

  std::string path() const;   // target without the query
  std::string query() const;  // after '?', empty if none
  std::optional<std::string> header(const std::string& name) const;
};

// The open body of a streaming response (server-sent events): what is sent goes out as it comes,
// in order, without blocking the caller. Server's thread only.
class ResponseStream {
 public:
  virtual ~ResponseStream() = default;
  virtual void send(std::string data) = 0;  // dropped once closed
  // True once the client went away or a write failed; the owner then drops the stream.
  virtual bool closed() const = 0;
  virtual void close() = 0;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  Headers headers;
  std::string body;
  // When set, the response has no length: the server sends the head and `body`, keeps the
  // connection open (no idle timeout) and hands its stream to this function.
  std::function<void(std::shared_ptr<ResponseStream>)> on_stream;
  // An answer to HEAD: the Content-Length that GET would have, sent with no body.
  std::optional<std::size_t> head_length;
};

// Lower-cases ASCII, for header names.
std::string to_lower(std::string s);
// Decodes one application/x-www-form-urlencoded or query component ("a%20b+c" -> "a b c").
std::string url_decode(std::string_view s);
// Percent-decoding of a path ('+' stays '+', as only forms write spaces that way).
std::string path_decode(std::string_view s);
// Percent-encodes everything but unreserved characters (RFC 3986: A-Z a-z 0-9 - . _ ~).
std::string url_encode(std::string_view s);
// Splits "a=1&b=2" into decoded pairs; later keys overwrite earlier ones.
std::map<std::string, std::string> parse_query(std::string_view q);

}  // namespace faultbox::net
