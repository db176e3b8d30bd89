#include "api/rest_json_service.h"

#include "api/params.h"
#include "api/protocol.h"
#include "core/json_text.h"

namespace faultbox::api {

namespace {
std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    path.remove_prefix(slash == std::string_view::npos ? path.size() : slash);
  }
  return out;
}
}  // namespace

bool match_path(std::string_view pattern, std::string_view path, PathLabels& labels) {
  auto want = segments(pattern);
  auto got = segments(path);
  if (want.size() != got.size()) {
    return false;
  }
  PathLabels found;
  for (size_t i = 0; i < want.size(); ++i) {
    if (want[i].size() > 2 && want[i].front() == '{' && want[i].back() == '}') {
      found[std::string(want[i].substr(1, want[i].size() - 2))] = net::path_decode(got[i]);
    } else if (want[i] != got[i]) {
      return false;
    }
  }
  labels = std::move(found);
  return true;
}

bool RestJsonService::has_operation(std::string_view operation) const {
  for (const auto& r : routes_) {
    if (r.operation == operation && r.handler) {
      return true;
    }
  }
  return false;
}

bool RestJsonService::claims_path(std::string_view path) const {
  PathLabels labels;
  for (const auto& r : routes_) {
    if (match_path(r.path, path, labels)) {
      return true;
    }
  }
  return false;
}

const Route* RestJsonService::match(std::string_view method, std::string_view path,
                                    PathLabels& labels) const {
  for (const auto& r : routes_) {
    if (r.method == method && match_path(r.path, path, labels)) {
      return &r;
    }
  }
  return nullptr;
}

std::string RestJsonService::action_of(const Call& call) const {
  PathLabels labels;
  const Route* route = match(call.http.method, call.http.path(), labels);
  return route ? route->operation : "";
}

net::HttpResponse RestJsonService::handle(Call& call) const {
  PathLabels labels;
  auto path = call.http.path();
  const Route* route = match(call.http.method, path, labels);
  if (!route) {
    return error_response(
        info_,
        Error{"UnknownOperationException",
              "No " + info_.title + " operation answers " + call.http.method + " " + path, 404},
        call.request_id);
  }
  if (!route->handler) {
    return error_response(info_, not_implemented(info_, route->operation), call.request_id);
  }
  auto body = nlohmann::json::object();
  if (!call.http.body.empty()) {
    auto parsed = parse_json(call.http.body, "The request body");
    if (!parsed || !parsed->is_object()) {
      auto why =
          parsed ? std::string("The request body is not a JSON object.") : parsed.error().message;
      return error_response(info_, Error{"SerializationException", why}, call.request_id);
    }
    body = std::move(*parsed);
  }
  auto out = route->handler(call, labels, body);
  if (!out) {
    return error_response(info_, out.error(), call.request_id);
  }
  return json_body(*out, call.request_id);
}

}  // namespace faultbox::api
