#include "lab/lambda_routes.h"

#include "cloud/lambda/function_json.h"
#include "cloud/lambda/functions.h"
#include "core/json_text.h"
#include "core/utf8.h"
#include "core/zip_archive.h"
#include "lab/lab_json.h"

namespace faultbox::lab {

using nlohmann::json;

namespace {

constexpr std::string_view kPrefix = "/_faultbox/lambda/functions";

// A function with its code's files (text as it is; bytes that are not UTF-8 are replaced) and
// its saved test events.
net::HttpResponse function_page(cloud::Functions& functions, const cloud::LambdaFunction& f) {
  json files = json::array();
  auto entries = read_zip(functions.code_path(f), 2 * 1024 * 1024);
  if (entries) {
    for (const auto& e : *entries) {
      files.push_back(
          {{"name", e.name}, {"size", e.bytes.size()}, {"content", to_valid_utf8(e.bytes)}});
    }
  }
  json events = json::object();
  for (const auto& [name, text] : f.test_events) {
    events[name] = text;
  }
  return json_response(200, {{"Configuration", cloud::function_configuration(functions, f)},
                             {"Files", files},
                             {"CodeError", entries ? "" : entries.error().message},
                             {"TestEvents", events}});
}

}  // namespace

bool handle_lambda_request(LabContext& ctx, const net::HttpRequest& req, const net::Reply& reply) {
  auto path = req.path();
  if (path.rfind(kPrefix, 0) != 0) {
    return false;
  }
  auto query = net::parse_query(req.query());
  std::string region = query.count("region") ? query["region"] : ctx.cloud.default_region();
  auto& functions = ctx.cloud.kind<cloud::Functions>();
  // "", "/<name>", "/<name>/test", "/<name>/test-events/<event>"
  std::string rest = path.substr(kPrefix.size());
  std::vector<std::string> parts;
  for (std::size_t at = 0; at < rest.size();) {
    auto slash = rest.find('/', at + 1);
    parts.push_back(net::path_decode(
        rest.substr(at + 1, slash == std::string::npos ? std::string::npos : slash - at - 1)));
    at = slash == std::string::npos ? rest.size() : slash;
  }
  if (parts.empty() && req.method == "GET") {
    json list = json::array();
    for (const auto* f : functions.in_region(region)) {
      list.push_back(cloud::function_configuration(functions, *f));
    }
    reply(json_response(200, {{"Functions", list}}));
    return true;
  }
  if (parts.empty()) {
    return false;
  }
  auto function = functions.get(region, parts[0]);
  if (!function) {
    reply(error_response(function.error()));
    return true;
  }
  std::string name = (*function)->name;
  if (parts.size() == 1 && req.method == "GET") {
    reply(function_page(functions, **function));
  } else if (parts.size() == 3 && parts[1] == "test-events" && req.method == "PUT") {
    auto saved = functions.save_test_event(region, name, parts[2], req.body);
    reply(saved ? json_response(200, {{"saved", parts[2]}}) : error_response(saved.error()));
  } else if (parts.size() == 3 && parts[1] == "test-events" && req.method == "DELETE") {
    auto removed = functions.remove_test_event(region, name, parts[2]);
    reply(removed ? json_response(200, {{"removed", parts[2]}}) : error_response(removed.error()));
  } else if (parts.size() == 2 && parts[1] == "test" && req.method == "POST") {
    std::string event = req.body.empty() ? "{}" : req.body;
    if (auto parsed = parse_json(event, "the test event"); !parsed) {
      reply(error_response(parsed.error()));
      return true;
    }
    functions.invoke(region, name, event, [reply](Result<cloud::InvocationResult> result) {
      if (!result) {
        reply(error_response(result.error()));
        return;
      }
      auto payload = parse_json(result->payload, "the function's response");
      reply(json_response(200, {{"RequestId", result->request_id},
                                {"Payload", payload ? *payload : json(result->payload)},
                                {"FunctionError", result->function_error},
                                {"Log", result->log_tail},
                                {"DurationMs", result->duration.count()}}));
    });
  } else {
    return false;
  }
  return true;
}

}  // namespace faultbox::lab
