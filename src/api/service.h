// One AWS service the lab answers on its single port: what identifies it on the wire, and the
// handler of its requests. Adding a service is one file in services/ plus one line in
// services/all_services.def: build an OperationService (a table operation → handler taking and
// returning JSON in the model's member names, answered over query XML, json or rpc-v2-cbor as
// the request speaks), a QueryService (EC2's protocol: handlers writing XML) or a
// RestJsonService (a table of routes → handler returning JSON); S3 (rest-xml) routes by itself.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "api/params.h"
#include "cloud/cloud.h"
#include "net/http_message.h"
#include "net/http_server.h"

namespace faultbox::api {

// The wire protocols of botocore's models ("metadata.protocol").
enum class Protocol { RestJson, RestXml, Json, Query, Ec2, RpcV2Cbor };

struct ServiceInfo {
  std::string id;     // botocore's service name: "fis", "ec2", "elb", "cloudwatch"
  std::string title;  // for messages: "FIS", "EC2", "CloudWatch"
  // Services named in SigV4 credential scopes (the model's signingName, else endpointPrefix):
  // "monitoring" for CloudWatch, "elasticloadbalancing" for ELB.
  std::vector<std::string> signing_names;
  Protocol protocol = Protocol::Query;
  std::string api_version;    // the query protocols' Version parameter, e.g. "2016-11-15"
  std::string xml_namespace;  // query and EC2 responses
  std::string target_prefix;  // X-Amz-Target prefix of JSON services, e.g. "Logs_20140328"
};

// One request on its way through a service: where it acts and how to answer.
struct Call {
  cloud::Cloud& cloud;
  const net::HttpRequest& http;
  const Params& params;    // query string and form body
  std::string region;      // from the credential scope, else the lab's default region
  std::string request_id;  // echoed in the x-amzn-RequestId header and in XML bodies
  std::string access_key;  // from the credential scope, empty when unsigned
};

class Service {
 public:
  virtual ~Service() = default;
  virtual const ServiceInfo& info() const = 0;
  // Whether the service implements an operation of that name (used to find the service of a
  // request that carries only an Action parameter).
  virtual bool has_operation(std::string_view operation) const = 0;
  // The IAM action a request asks for, without the service's prefix: the operation's name
  // ("StopInstances"), or IAM's where it differs (S3's "GetObject" for a GET of a key, Lambda's
  // "InvokeFunction"); "" when the request names no operation of the service.
  virtual std::string action_of(const Call& call) const = 0;
  // Whether the path is one of the service's routes (rest protocols; a last-resort detection).
  virtual bool claims_path(std::string_view /*path*/) const { return false; }
  // Answers the request in the service's protocol, errors included; never throws on bad input.
  virtual net::HttpResponse handle(Call& call) const = 0;
  // Answers through `reply`, now or later (Lambda's Invoke waits for the function). `call` and
  // what it refers to live only until this returns. The default answers handle(call) at once.
  virtual void handle_async(Call& call, const net::Reply& reply) const { reply(handle(call)); }
};

}  // namespace faultbox::api
