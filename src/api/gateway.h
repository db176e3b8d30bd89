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

// Answers an AWS API call through `reply`, at once or later (Lambda's Invoke answers when the
// function has), exactly once; false (and no answer) when the request is not an AWS API call.
bool answer_aws_request(cloud::Cloud& cloud, const net::HttpRequest& request,
                        const net::Reply& reply);

// The answer of a call answered at once (every operation but those that wait), or nullopt when
// the request is not an AWS API call; for tests.
std::optional<net::HttpResponse> handle_aws_request(cloud::Cloud& cloud,
                                                    const net::HttpRequest& request);

}  // namespace faultbox::api
