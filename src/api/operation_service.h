// A service whose operations take and return JSON in the model's member names, answered in
// whichever of its protocols the request speaks: query (Action parameter, XML out), json
// (X-Amz-Target, JSON out) or smithy rpc-v2-cbor (POST /service/<prefix>/operation/<Op>, CBOR).
// CloudWatch speaks all three; Auto Scaling, ELB and IAM only query; Logs only json.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>

#include "api/input.h"
#include "api/service.h"
#include "api/wire_codecs.h"
#include "core/result.h"

namespace faultbox::api {

// Returns the output structure; timestamps as ISO 8601 strings (see WireOptions).
using OperationHandler = std::function<Result<nlohmann::json>(Call&, const Input&)>;
using Operations = std::map<std::string, OperationHandler, std::less<>>;

struct WireOptions {
  std::string json_version = "1.1";  // Content-Type application/x-amz-json-<version>
  // awsQueryCompatible services give json and CBOR errors an x-amzn-query-error header
  // ("Code;Sender") that clients take the error code from.
  bool query_compatible = false;
  // The code of malformed input (Input's error code).
  std::string invalid_code = "ValidationError";
  // Output members holding timestamps (they go out as epoch seconds outside XML).
  TimestampMembers timestamp_members;
};

enum class Wire { Query, Json, Cbor };

class OperationService : public Service {
 public:
  OperationService(ServiceInfo info, WireOptions wire, Operations operations)
      : info_(std::move(info)), wire_(std::move(wire)), operations_(std::move(operations)) {}

  const ServiceInfo& info() const override { return info_; }
  bool has_operation(std::string_view operation) const override {
    return operations_.find(operation) != operations_.end();
  }
  net::HttpResponse handle(Call& call) const override;
  std::string action_of(const Call& call) const override { return wire_of(call).second; }

  // The wire protocol of a request and the operation it names ("" when it names none).
  static std::pair<Wire, std::string> wire_of(const Call& call);
  // An error in the request's protocol.
  net::HttpResponse error(Wire wire, const Error& e, const std::string& request_id) const;

 private:
  Result<nlohmann::json> input_of(Wire wire, const Call& call) const;
  net::HttpResponse success(Wire wire, const std::string& operation, const nlohmann::json& output,
                            const std::string& request_id) const;

  ServiceInfo info_;
  WireOptions wire_;
  Operations operations_;
};

}  // namespace faultbox::api
