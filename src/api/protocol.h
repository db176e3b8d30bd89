// Success and error envelopes of each wire protocol, and the not-implemented error.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "api/service.h"
#include "core/error.h"

namespace faultbox::api {

// The error a service gives for an operation the lab does not implement (HTTP 501, code
// "NotImplemented"), naming the service and the operation.
Error not_implemented(const ServiceInfo& service, std::string_view operation);

// An error in the protocol's envelope:
//  rest-json: x-amzn-ErrorType header, {"message": ...};
//  rest-xml (S3): <Error><Code/><Message/><RequestId/></Error>;
//  json / rpc-v2: {"__type": code, "message": ...};
//  ec2: <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>;
//  query: <ErrorResponse><Error><Type>Sender|Receiver</Type><Code/><Message/></Error>
//         <RequestId/></ErrorResponse>.
net::HttpResponse error_response(const ServiceInfo& service, const Error& error,
                                 const std::string& request_id);

// A JSON body with the request id header (rest-json and json protocols).
net::HttpResponse json_body(const nlohmann::json& body, const std::string& request_id,
                            int status = 200);
// An XML document with the request id header (query and EC2 protocols).
net::HttpResponse xml_body(std::string document, const std::string& request_id);

// A fresh request id in AWS's form (a random UUID).
std::string new_request_id();

}  // namespace faultbox::api
