// Who signed an AWS call, under `serve --auth`: the SigV4 signature must be by a key the lab
// issued and is in force: the account root's, an active IAM user's, or a role session's (with
// its session token, before it expires). The errors are AWS's: MissingAuthenticationToken,
// IncompleteSignature, InvalidClientTokenId (S3: InvalidAccessKeyId, EC2: AuthFailure),
// ExpiredToken, SignatureDoesNotMatch, RequestExpired.
#pragma once

#include "api/service.h"
#include "cloud/cloud.h"
#include "core/clock.h"
#include "core/result.h"
#include "net/http_message.h"

namespace faultbox::api {

// `wall_now`: signatures carry wall time, whatever speed the lab runs at.
Result<void> authenticate(const cloud::Cloud& cloud, const net::HttpRequest& request,
                          const ServiceInfo& service, TimePoint wall_now);

}  // namespace faultbox::api
