// SigV4 as a lab with `serve --auth` reads it from a request: the Authorization header or a
// presigned URL's X-Amz-* parameters, then the canonical request and the signature a secret
// gives it, at the request's own signing time. Seeds: botocore's signed requests
// (corpus/aws_request) and a presigned URL. Refusals are fine; crashes, hangs and exceptions are
// not.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "api/sigv4.h"
#include "net/request_bytes.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace faultbox;
  auto request =
      net::request_from_bytes(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!request) return 0;
  auto signature = api::read_sigv4(*request);
  if (!signature || !*signature) return 0;
  // A fixed instant near the seeds' signing times: the time check and the HMAC chain both run.
  const TimePoint now{std::chrono::milliseconds(1'780'000'000'000)};
  (void)api::verify_sigv4(*request, **signature, "secret", now);
  return 0;
}
