// The instance metadata service (IMDSv1 and IMDSv2) for one instance, as pure functions.
// The api layer routes `/_imds/<instance-id>/<path>` here with the prefix removed.
#pragma once

#include <map>
#include <string>

#include "compute/instance.h"
#include "core/clock.h"

namespace faultbox::compute {

struct ImdsRequest {
  std::string method;                          // "GET" or "PUT"
  std::string path;                            // e.g. "/latest/meta-data/instance-id"
  std::map<std::string, std::string> headers;  // names lower-case
};

struct ImdsResponse {
  int status = 200;
  std::string body;
  std::map<std::string, std::string> headers;  // includes content-type
};

// Answers one request. `PUT /latest/api/token` with x-aws-ec2-metadata-token-ttl-seconds
// (1..21600) returns a token bound to this instance and `secret`, valid until now + ttl. A GET
// with no token works (IMDSv1); with a token that is forged, expired or for another instance
// it gets 401. Unknown paths get 404, other methods 405.
ImdsResponse imds_respond(const Instance& instance, const ImdsRequest& request, TimePoint now,
                          const std::string& secret);

}  // namespace faultbox::compute
