// Which AWS service a request is for, and in which region: the SigV4 credential scope first
// (Authorization header, or X-Amz-Credential of a presigned URL), then X-Amz-Target, the
// Action parameter (with Version to tell apart services sharing an action name), the rpc-v2
// path, and last the rest routes. Signatures are not verified: any well-formed scope is accepted.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/params.h"
#include "api/service.h"

namespace faultbox::api {

struct CredentialScope {
  std::string access_key;
  std::string date;  // "20260101"
  std::string region;
  std::string service;  // the signing name, e.g. "fis", "monitoring"
};

// Reads "AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-west-2/fis/aws4_request, ..." (or the
// bare credential value "AKID/20260101/eu-west-2/fis/aws4_request"); nullopt when malformed.
std::optional<CredentialScope> parse_credential_scope(std::string_view authorization);

struct Detection {
  const Service* service = nullptr;  // null: a service the lab does not know
  std::string service_name;          // as the request named it
  std::string region;                // empty: the request named none
  std::string access_key;
  std::string how;  // "credential scope", "X-Amz-Target", "Action", "path"
};

// nullopt when nothing marks the request as an AWS API call (it is the lab's own).
std::optional<Detection> detect_service(const std::vector<const Service*>& services,
                                        const net::HttpRequest& request, const Params& params);

}  // namespace faultbox::api
