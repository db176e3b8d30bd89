// A service of the rest-json protocol: routes (method + path template, as in the model's
// "http" member) pick an operation; handlers take path labels and the JSON body and return the
// JSON output. A route without a handler is an operation the lab does not implement.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <vector>

#include "api/service.h"
#include "core/result.h"

namespace faultbox::api {

using PathLabels = std::map<std::string, std::string>;  // "{id}" → decoded segment
using RestHandler =
    std::function<Result<nlohmann::json>(Call&, const PathLabels&, const nlohmann::json& body)>;

struct Route {
  std::string method;     // "GET", "POST", ...
  std::string path;       // "/experimentTemplates/{id}"
  std::string operation;  // "GetExperimentTemplate"
  RestHandler handler;    // empty: answered with NotImplemented
};

class RestJsonService : public Service {
 public:
  RestJsonService(ServiceInfo info, std::vector<Route> routes)
      : info_(std::move(info)), routes_(std::move(routes)) {}

  const ServiceInfo& info() const override { return info_; }
  bool has_operation(std::string_view operation) const override;
  bool claims_path(std::string_view path) const override;
  net::HttpResponse handle(Call& call) const override;
  std::string action_of(const Call& call) const override;

  // The route for a method and path, with its labels; null when none matches.
  const Route* match(std::string_view method, std::string_view path, PathLabels& labels) const;

 private:
  ServiceInfo info_;
  std::vector<Route> routes_;
};

// Matches "/a/{x}/b" against "/a/EXT1/b" (segments percent-decoded into labels).
bool match_path(std::string_view pattern, std::string_view path, PathLabels& labels);

}  // namespace faultbox::api
