#include "api/operation_service.h"

#include "api/protocol.h"
#include "core/json_text.h"

namespace faultbox::api {

namespace {
using nlohmann::json;

constexpr std::string_view kRpcPrefix = "/service/";

net::HttpResponse raw(int status, std::string content_type, std::string body,
                      const std::string& request_id) {
  net::HttpResponse r;
  r.status = status;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  r.headers["x-amzn-RequestId"] = request_id;
  return r;
}
}  // namespace

std::pair<Wire, std::string> OperationService::wire_of(const Call& call) {
  auto path = call.http.path();
  if (path.rfind(kRpcPrefix, 0) == 0 && path.find("/operation/") != std::string::npos) {
    return {Wire::Cbor, path.substr(path.rfind('/') + 1)};
  }
  if (auto target = call.http.header("x-amz-target")) {
    auto dot = target->find('.');
    return {Wire::Json, dot == std::string::npos ? "" : target->substr(dot + 1)};
  }
  return {Wire::Query, call.params.get_or("Action", "")};
}

Result<json> OperationService::input_of(Wire wire, const Call& call) const {
  switch (wire) {
    case Wire::Query:
      return query_input(call.params);
    case Wire::Cbor:
      return from_cbor(call.http.body);
    case Wire::Json: {
      if (call.http.body.empty()) {
        return json::object();
      }
      auto parsed = parse_json(call.http.body, "The request body");
      if (!parsed) {
        return Error{"SerializationException", parsed.error().message, 400};
      }
      if (!parsed->is_object()) {
        return Error{"SerializationException", "The request body is not a JSON object.", 400};
      }
      return parsed;
    }
  }
  return json::object();
}

net::HttpResponse OperationService::handle(Call& call) const {
  auto [wire, operation] = wire_of(call);
  if (operation.empty()) {
    return error(wire,
                 wire == Wire::Query
                     ? Error{"MissingAction", "The request must contain the parameter Action.", 400}
                     : Error{"UnknownOperationException", "The request names no operation.", 400},
                 call.request_id);
  }
  auto op = operations_.find(operation);
  if (op == operations_.end()) {
    return error(wire, not_implemented(info_, operation), call.request_id);
  }
  auto input = input_of(wire, call);
  if (!input) {
    return error(wire, input.error(), call.request_id);
  }
  auto output = op->second(call, Input(*input, wire_.invalid_code));
  if (!output) {
    return error(wire, output.error(), call.request_id);
  }
  return success(wire, operation, *output, call.request_id);
}

net::HttpResponse OperationService::success(Wire wire, const std::string& operation,
                                            const json& output,
                                            const std::string& request_id) const {
  switch (wire) {
    case Wire::Query: {
      XmlWriter w(operation + "Response", info_.xml_namespace);
      if (output.is_object() && !output.empty()) {
        w.open(operation + "Result");
        write_xml_members(w, output);
        w.close();
      }
      w.open("ResponseMetadata");
      w.leaf("RequestId", request_id);
      return xml_body(w.finish(), request_id);
    }
    case Wire::Json:
      return raw(200, "application/x-amz-json-" + wire_.json_version,
                 json_text(epoch_timestamps(output, wire_.timestamp_members)), request_id);
    case Wire::Cbor: {
      auto r =
          raw(200, "application/cbor",
              to_cbor(epoch_timestamps(output, wire_.timestamp_members), wire_.timestamp_members),
              request_id);
      r.headers["smithy-protocol"] = "rpc-v2-cbor";
      return r;
    }
  }
  return {};
}

net::HttpResponse OperationService::error(Wire wire, const Error& e,
                                          const std::string& request_id) const {
  if (wire == Wire::Query) {
    ServiceInfo query = info_;
    query.protocol = Protocol::Query;
    return error_response(query, e, request_id);
  }
  json body = {{"__type", e.code}, {"message", e.message}};
  auto r = wire == Wire::Json ? raw(e.http_status, "application/x-amz-json-" + wire_.json_version,
                                    json_text(body), request_id)
                              : raw(e.http_status, "application/cbor", to_cbor(body), request_id);
  if (wire == Wire::Cbor) {
    r.headers["smithy-protocol"] = "rpc-v2-cbor";
  }
  r.headers["x-amzn-ErrorType"] = e.code;
  if (wire_.query_compatible) {
    r.headers["x-amzn-query-error"] = e.code + (e.http_status >= 500 ? ";Receiver" : ";Sender");
  }
  return r;
}

}  // namespace faultbox::api
