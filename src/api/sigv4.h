// AWS Signature Version 4, as the lab checks it under `serve --auth`: the signature a request
// carries (Authorization header, or the X-Amz-* query parameters of a presigned URL), and the one
// a secret key would give it (the canonical request, the string to sign, the HMAC chain). S3
// signs its path as sent; every other service signs it URI-encoded once more, as the SDKs do.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "net/http_message.h"

namespace faultbox::api {

struct SigV4Signature {
  std::string access_key;
  std::string scope;  // "20260101/eu-west-2/fis/aws4_request"
  std::string date;   // the scope's day, "20260101"
  std::string service;
  std::vector<std::string> signed_headers;   // lower-case, as listed
  std::string signature;                     // hex
  std::string amz_date;                      // "20260101T120000Z"
  std::string security_token;                // X-Amz-Security-Token, empty when none
  std::optional<long long> expires_seconds;  // presigned URLs only
  bool presigned = false;
};

// The signature a request carries. nullopt when it carries none; IncompleteSignature (400) when
// one is there but malformed.
Result<std::optional<SigV4Signature>> read_sigv4(const net::HttpRequest& request);

// The canonical request of SigV4 for `request` as `signature` says it was signed, with the
// payload hash given.
std::string canonical_request(const net::HttpRequest& request, const SigV4Signature& signature,
                              const std::string& payload_hash);

// The hex signature `secret_key` gives the canonical request.
std::string sigv4_signature(const std::string& secret_key, const SigV4Signature& signature,
                            const std::string& canonical);

// Whether `secret_key` signed the request: SignatureDoesNotMatch (403) when it did not,
// RequestExpired (403) when its time is more than 15 minutes from `now` (wall time) or a
// presigned URL has expired.
Result<void> verify_sigv4(const net::HttpRequest& request, const SigV4Signature& signature,
                          const std::string& secret_key, TimePoint now);

}  // namespace faultbox::api
