// Lambda (rest-json, 2015-03-31) over cloud/lambda: Invoke (answered when the function has
// returned, failed or timed out), the function reads (GetFunction, GetFunctionConfiguration,
// ListFunctions, ListTags) and the function writes the aws CLI's lambda commands make
// (CreateFunction with a zip, UpdateFunctionCode, UpdateFunctionConfiguration, DeleteFunction).
#include <fmt/format.h>

#include "api/protocol.h"
#include "api/rest_json_service.h"
#include "api/services/all_services.h"
#include "cloud/lambda/function_json.h"
#include "cloud/lambda/functions.h"
#include "core/base64.h"
#include "core/json_text.h"

namespace faultbox::api {

namespace {

using cloud::Functions;
using cloud::LambdaFunction;
using nlohmann::json;

Functions& functions(Call& call) { return call.cloud.kind<Functions>(); }

// Only $LATEST exists: the lab publishes no versions or aliases.
Result<void> check_qualifier(const Call& call) {
  auto qualifier = call.params.get("Qualifier");
  if (qualifier && *qualifier != "$LATEST") {
    return Error{"ResourceNotFoundException",
                 "Function not found with qualifier " + *qualifier + " (the lab has only $LATEST)",
                 404};
  }
  return {};
}

json configuration(Call& call, const LambdaFunction& f) {
  return cloud::function_configuration(functions(call), f);
}

Result<json> get_function(Call& call, const PathLabels& p, const json&) {
  FAULTBOX_TRY_VOID(check_qualifier(call));
  FAULTBOX_TRY(f, functions(call).get(call.region, p.at("FunctionName")));
  auto host = call.http.header("host").value_or("127.0.0.1:4566");
  std::string hex = functions(call).code_path(*f).stem().string();
  return json{{"Configuration", configuration(call, *f)},
              {"Code",
               {{"RepositoryType", "S3"},
                {"Location", "http://" + host + "/_faultbox/lambda-code/" + hex + ".zip"}}},
              {"Tags", f->tags}};
}

Result<json> get_configuration(Call& call, const PathLabels& p, const json&) {
  FAULTBOX_TRY_VOID(check_qualifier(call));
  FAULTBOX_TRY(f, functions(call).get(call.region, p.at("FunctionName")));
  return configuration(call, *f);
}

// One page of 50 (MaxItems up to 10000), in name order; the marker is the last name given.
Result<json> list_functions(Call& call, const PathLabels&, const json&) {
  std::size_t max_items = 50;
  if (auto given = call.params.get("MaxItems")) {
    try {
      max_items = std::clamp<std::size_t>(std::stoul(*given), 1, 10000);
    } catch (const std::exception&) {
      return errors::validation("MaxItems must be a number between 1 and 10000");
    }
  }
  std::string marker = call.params.get("Marker").value_or("");
  json list = json::array();
  std::string next;
  for (const auto* f : functions(call).in_region(call.region)) {
    if (!marker.empty() && f->name <= marker) {
      continue;
    }
    if (list.size() == max_items) {
      next = list.back()["FunctionName"].get<std::string>();
      break;
    }
    list.push_back(configuration(call, *f));
  }
  json out = {{"Functions", list}};
  if (!next.empty()) {
    out["NextMarker"] = next;
  }
  return out;
}

Result<json> list_tags(Call& call, const PathLabels& p, const json&) {
  FAULTBOX_TRY(f, functions(call).get(call.region, p.at("ARN")));
  return json{{"Tags", f->tags}};
}

// CreateFunction and UpdateFunctionConfiguration share the members they read.
Result<LambdaFunction> spec_of(Call& call, const json& body, LambdaFunction f) {
  try {
    f.region = call.region;
    f.name = body.value("FunctionName", f.name);
    f.role = body.value("Role", f.role);
    f.handler = body.value("Handler", f.handler);
    f.runtime = body.value("Runtime", f.runtime);
    f.description = body.value("Description", f.description);
    f.memory_mb = body.value("MemorySize", f.memory_mb);
    f.timeout_s = body.value("Timeout", f.timeout_s);
    if (body.contains("Environment")) {
      f.environment = body["Environment"].value("Variables", std::map<std::string, std::string>());
    }
    if (body.contains("Layers")) {
      f.layers = body["Layers"].get<std::vector<std::string>>();
    }
    if (body.contains("Tags")) {
      f.tags = body["Tags"].get<std::map<std::string, std::string>>();
    }
  } catch (const json::exception& e) {
    return errors::validation(std::string("The request's members have the wrong types: ") +
                              e.what());
  }
  return f;
}

Result<std::string> zip_of(const json& code) {
  if (!code.is_object() || !code.contains("ZipFile") || !code["ZipFile"].is_string()) {
    return Error{"InvalidParameterValueException",
                 "The lab takes the code as Code.ZipFile (--zip-file fileb://...)", 400};
  }
  auto bytes = base64_decode(code["ZipFile"].get<std::string>());
  if (!bytes) {
    return errors::validation("Code.ZipFile is not base64");
  }
  return *bytes;
}

Result<json> create_function(Call& call, const PathLabels&, const json& body) {
  FAULTBOX_TRY(spec, spec_of(call, body, LambdaFunction{}));
  FAULTBOX_TRY(zip, zip_of(body.value("Code", json())));
  FAULTBOX_TRY(made, functions(call).create(std::move(spec), zip));
  return configuration(call, *made);
}

Result<json> update_configuration(Call& call, const PathLabels& p, const json& body) {
  FAULTBOX_TRY(f, functions(call).get(call.region, p.at("FunctionName")));
  FAULTBOX_TRY(spec, spec_of(call, body, *f));
  FAULTBOX_TRY(changed, functions(call).update(std::move(spec), std::nullopt));
  return configuration(call, *changed);
}

Result<json> update_code(Call& call, const PathLabels& p, const json& body) {
  FAULTBOX_TRY(f, functions(call).get(call.region, p.at("FunctionName")));
  FAULTBOX_TRY(zip, zip_of(body));
  FAULTBOX_TRY(changed, functions(call).update(*f, std::string_view(zip)));
  return configuration(call, *changed);
}

Result<json> delete_function(Call& call, const PathLabels& p, const json&) {
  FAULTBOX_TRY(f, functions(call).get(call.region, p.at("FunctionName")));
  FAULTBOX_TRY_VOID(functions(call).remove(call.region, f->name));
  return json::object();
}

const ServiceInfo kInfo{"lambda", "Lambda", {"lambda"}, Protocol::RestJson, "2015-03-31", "", ""};
constexpr std::string_view kInvokePath = "/2015-03-31/functions/{FunctionName}/invocations";

// The JSON operations; Invoke is routed here only for detection and answered by LambdaService.
const RestJsonService& json_operations() {
  static const RestJsonService service(
      kInfo,
      {
          {"POST", std::string(kInvokePath), "Invoke", nullptr},
          {"GET", "/2015-03-31/functions", "ListFunctions", list_functions},
          {"POST", "/2015-03-31/functions", "CreateFunction", create_function},
          {"GET", "/2015-03-31/functions/{FunctionName}", "GetFunction", get_function},
          {"DELETE", "/2015-03-31/functions/{FunctionName}", "DeleteFunction", delete_function},
          {"GET", "/2015-03-31/functions/{FunctionName}/configuration", "GetFunctionConfiguration",
           get_configuration},
          {"PUT", "/2015-03-31/functions/{FunctionName}/configuration",
           "UpdateFunctionConfiguration", update_configuration},
          {"PUT", "/2015-03-31/functions/{FunctionName}/code", "UpdateFunctionCode", update_code},
          {"GET", "/2017-03-31/tags/{ARN}", "ListTags", list_tags},
          {"POST", "/2015-03-31/functions/{FunctionName}/invoke-async", "InvokeAsync", nullptr},
          {"POST", "/2015-03-31/functions/{FunctionName}/versions", "PublishVersion", nullptr},
          {"POST", "/2015-03-31/functions/{FunctionName}/aliases", "CreateAlias", nullptr},
          {"POST", "/2015-03-31/layers/{LayerName}/versions", "PublishLayerVersion", nullptr},
      });
  return service;
}

class LambdaService final : public Service {
 public:
  const ServiceInfo& info() const override { return kInfo; }
  bool has_operation(std::string_view operation) const override {
    return operation == "Invoke" || json_operations().has_operation(operation);
  }
  bool claims_path(std::string_view path) const override {
    return json_operations().claims_path(path);
  }
  net::HttpResponse handle(Call& call) const override { return json_operations().handle(call); }
  std::string action_of(const Call& call) const override {
    PathLabels labels;
    if (call.http.method == "POST" && match_path(kInvokePath, call.http.path(), labels)) {
      return "InvokeFunction";  // IAM's name for Invoke
    }
    return json_operations().action_of(call);
  }

  void handle_async(Call& call, const net::Reply& reply) const override {
    PathLabels labels;
    if (call.http.method != "POST" || !match_path(kInvokePath, call.http.path(), labels)) {
      reply(handle(call));
      return;
    }
    invoke(call, labels.at("FunctionName"), reply);
  }

 private:
  // Invoke: RequestResponse waits for the function; Event starts it and answers 202; DryRun
  // checks and answers 204. The payload must be JSON, as Lambda requires.
  static void invoke(Call& call, const std::string& name, const net::Reply& reply) {
    std::string request_id = call.request_id;
    auto fail = [&](const Error& e) { reply(error_response(kInfo, e, request_id)); };
    if (auto bad = check_qualifier(call); !bad) {
      return fail(bad.error());
    }
    std::string payload = call.http.body.empty() ? "{}" : call.http.body;
    if (auto parsed = parse_json(payload, "the payload"); !parsed) {
      return fail(Error{"InvalidRequestContentException",
                        "Could not parse request body into json: " + parsed.error().message, 400});
    }
    auto function = functions(call).get(call.region, name);
    if (!function) {
      return fail(function.error());
    }
    std::string type = call.http.header("x-amz-invocation-type").value_or("RequestResponse");
    bool tail = call.http.header("x-amz-log-type").value_or("None") == "Tail";
    if (type == "DryRun") {
      net::HttpResponse r = json_body(json::object(), request_id, 204);
      r.body.clear();
      return reply(std::move(r));
    }
    if (type != "RequestResponse" && type != "Event") {
      return fail(errors::validation("InvocationType must be RequestResponse, Event or DryRun"));
    }
    if (type == "Event") {
      functions(call).invoke(call.region, name, payload, [](Result<cloud::InvocationResult>) {});
      net::HttpResponse r = json_body(json::object(), request_id, 202);
      r.body.clear();
      return reply(std::move(r));
    }
    functions(call).invoke(call.region, name, payload,
                           [reply, request_id, tail](Result<cloud::InvocationResult> result) {
                             if (!result) {
                               reply(error_response(kInfo, result.error(), request_id));
                               return;
                             }
                             net::HttpResponse r;
                             r.body = result->payload;
                             r.headers["x-amzn-RequestId"] = result->request_id;
                             r.headers["X-Amz-Executed-Version"] = "$LATEST";
                             if (!result->function_error.empty()) {
                               r.headers["X-Amz-Function-Error"] = result->function_error;
                             }
                             if (tail) {
                               r.headers["X-Amz-Log-Result"] = base64_encode(result->log_tail);
                             }
                             reply(std::move(r));
                           });
  }
};

}  // namespace

const Service& lambda_api() {
  static const LambdaService service;
  return service;
}

}  // namespace faultbox::api
