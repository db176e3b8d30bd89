// The lab's AWS API: one port, many services. The lab's HTTP handler asks here first; a request
// that carries no AWS marks (credential scope, X-Amz-Target, Action, a service route) is left to
// the lab's own routes. Control strand only.
#pragma once

#include <optional>
#include <vector>

#include "api/detect.h"
#include "api/params.h"
#include "api/service.h"
#include "cloud/cloud.h"
#include "net/http_message.h"

namespace faultbox::api {

// Every service adapter, in detection order (services/all_services.def).
const std::vector<const Service*>& all_services();

// An AWS API call recognised in a request: which service, and the request's parameters.
struct AwsCall {
  Detection detected;
  Params params;
  // The service's id ("fis", "ec2", "cloudwatch"), or "unknown" for one the lab does not
  // implement: a label with few values, for the lab's request counters.
  std::string service_id() const;
};

// nullopt when nothing marks the request as an AWS API call (it is the lab's own).
std::optional<AwsCall> recognize_aws_request(const net::HttpRequest& request);

// Answers a recognised call through `reply`, at once or later, exactly once.
void answer_aws_call(cloud::Cloud& cloud, const net::HttpRequest& request, const AwsCall& call,
                     const net::Reply& reply);

// recognize_aws_request, then answer_aws_call: answers an AWS API call through `reply`, at once or
// later (Lambda's Invoke answers when the function has), exactly once; false (and no answer) when
// the request is not an AWS API call.
bool answer_aws_request(cloud::Cloud& cloud, const net::HttpRequest& request,
                        const net::Reply& reply);

// The answer of a call answered at once (every operation but those that wait), or nullopt when
// the request is not an AWS API call; for tests.
std::optional<net::HttpResponse> handle_aws_request(cloud::Cloud& cloud,
                                                    const net::HttpRequest& request);

}  // namespace faultbox::api
