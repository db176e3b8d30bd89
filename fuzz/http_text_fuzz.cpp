// The text of a request the lab decodes before any handler sees it: the query string, the
// percent-encoded path and form values, and the UTF-8 check of target, headers and form body.
// Input layout: target, then a NUL, then a header value, then a NUL, then the body.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "net/http_message.h"
#include "net/request_text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace faultbox::net;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto first = bytes.find('\0');
  const auto target = bytes.substr(0, first);
  const auto rest = first == std::string_view::npos ? std::string_view{} : bytes.substr(first + 1);
  const auto second = rest.find('\0');
  const auto header = rest.substr(0, second);
  const auto body = second == std::string_view::npos ? std::string_view{} : rest.substr(second + 1);

  (void)parse_query(target.substr(target.find('?') == std::string_view::npos ? target.size()
                                                                           : target.find('?') + 1));
  (void)path_decode(target);
  (void)url_decode(body);
  (void)url_encode(header);
  HttpRequest request;
  request.method = "POST";
  request.target = std::string(target);
  request.headers["x-amz-target"] = std::string(header);
  request.headers["content-type"] = "application/x-www-form-urlencoded";
  request.body = std::string(body);
  (void)invalid_request_text(request);
  (void)request.path();
  (void)request.query();
  return 0;
}
