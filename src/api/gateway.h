// The lab's AWS API: one port, many services. The lab's HTTP handler asks here first; a request
// that carries no AWS marks (credential scope, X-Amz-Target, Action, a service route) is left to
// the lab's own routes. Control strand only.
#pragma once

#include <optional>
#include <vector>

#include "api/service.h"
#include "cloud/cloud.h"
#include "net/http_message.h"

namespace faultbox::api {

// Every service adapter, in detection order (services/all_services.def).
const std::vector<const Service*>& all_services();

// The AWS answer to the request, or nullopt when it is not an AWS API call.
std::optional<net::HttpResponse> handle_aws_request(cloud::Cloud& cloud,
                                                    const net::HttpRequest& request);

}  // namespace faultbox::api
