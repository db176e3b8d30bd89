#include "api/detect.h"

namespace faultbox::api {

namespace {
std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  while (true) {
    auto at = s.find(sep);
    out.push_back(s.substr(0, at));
    if (at == std::string_view::npos) {
      return out;
    }
    s.remove_prefix(at + 1);
  }
}

const Service* by_signing_name(const std::vector<const Service*>& services, std::string_view name) {
  for (const auto* s : services) {
    for (const auto& n : s->info().signing_names) {
      if (n == name) {
        return s;
      }
    }
  }
  return nullptr;
}

const Service* by_target(const std::vector<const Service*>& services, std::string_view target) {
  auto prefix = target.substr(0, target.find('.'));
  for (const auto* s : services) {
    if (!s->info().target_prefix.empty() && s->info().target_prefix == prefix) {
      return s;
    }
  }
  return nullptr;
}

// Several services share action names (DescribeTags: EC2, Auto Scaling, ELB): Version decides.
const Service* by_action(const std::vector<const Service*>& services, std::string_view action,
                         const std::optional<std::string>& version) {
  const Service* first = nullptr;
  for (const auto* s : services) {
    const auto& info = s->info();
    bool query = info.protocol == Protocol::Query || info.protocol == Protocol::Ec2;
    if (!query) {
      continue;
    }
    if (version && *version == info.api_version) {
      return s;
    }
    if (!first && s->has_operation(action)) {
      first = s;
    }
  }
  return first;
}

// "/service/GraniteServiceVersion20100801/operation/DescribeAlarms" (smithy rpc-v2-cbor).
std::optional<std::string> rpc_v2_service(std::string_view path) {
  const std::string_view kPrefix = "/service/";
  if (path.substr(0, kPrefix.size()) != kPrefix) {
    return std::nullopt;
  }
  auto parts = split(path.substr(kPrefix.size()), '/');
  if (parts.size() == 3 && parts[1] == "operation") {
    return std::string(parts[0]);
  }
  return std::nullopt;
}
}  // namespace

std::optional<CredentialScope> parse_credential_scope(std::string_view authorization) {
  auto at = authorization.find("Credential=");
  auto value = at == std::string_view::npos ? authorization : authorization.substr(at + 11);
  value = value.substr(0, value.find_first_of(", "));
  auto parts = split(value, '/');
  if (parts.size() != 5 || parts[4] != "aws4_request" || parts[0].empty() || parts[1].size() != 8 ||
      parts[2].empty() || parts[3].empty()) {
    return std::nullopt;
  }
  return CredentialScope{std::string(parts[0]), std::string(parts[1]), std::string(parts[2]),
                         std::string(parts[3])};
}

std::optional<Detection> detect_service(const std::vector<const Service*>& services,
                                        const net::HttpRequest& request, const Params& params) {
  Detection d;
  auto auth = request.header("authorization");
  auto credential = auth && auth->rfind("AWS4-", 0) == 0 ? auth : params.get("X-Amz-Credential");
  if (credential) {
    if (auto scope = parse_credential_scope(*credential)) {
      d.service = by_signing_name(services, scope->service);
      d.service_name = scope->service;
      d.region = scope->region;
      d.access_key = scope->access_key;
      d.how = "credential scope";
      return d;
    }
  }
  if (auto target = request.header("x-amz-target")) {
    d.service = by_target(services, *target);
    d.service_name = target->substr(0, target->find('.'));
    d.how = "X-Amz-Target";
    return d;
  }
  if (auto action = params.get("Action")) {
    d.service = by_action(services, *action, params.get("Version"));
    d.service_name = d.service ? d.service->info().id : "(for action " + *action + ")";
    d.how = "Action";
    return d;
  }
  auto path = request.path();
  if (auto prefix = rpc_v2_service(path)) {
    d.service = by_target(services, *prefix);
    d.service_name = *prefix;
    d.how = "path";
    return d;
  }
  for (const auto* s : services) {
    if (s->claims_path(path)) {
      d.service = s;
      d.service_name = s->info().id;
      d.how = "path";
      return d;
    }
  }
  return std::nullopt;
}

}  // namespace faultbox::api
