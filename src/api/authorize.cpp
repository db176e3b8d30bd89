#include "api/authorize.h"

#include <fmt/format.h>

#include "api/services/s3_request.h"
#include "cloud/cloud.h"
#include "cloud/fis_service.h"
#include "cloud/groups/groups.h"
#include "cloud/iam/iam_directory.h"
#include "cloud/sts/sessions.h"
#include "core/arn.h"
#include "iam/policy_evaluator.h"

namespace faultbox::api {

namespace {

std::vector<RequestedResource> ec2_instances(Call& call) {
  std::vector<RequestedResource> out;
  const auto& account = call.cloud.options().account_id;
  for (const auto& id : call.params.list("InstanceId")) {
    RequestedResource r{arn::instance(call.region, account, id), std::nullopt};
    if (const auto* instance = call.cloud.instances().find(id)) {
      r.tags = instance->tags;
    }
    out.push_back(std::move(r));
  }
  return out;
}

// Auto Scaling: the group an operation names (AutoScalingGroupName), with its tags; a group the
// lab does not have is named by ARN with any uuid, as policies match it.
std::vector<RequestedResource> autoscaling_group(Call& call) {
  auto name = call.params.get("AutoScalingGroupName");
  if (!name) {
    return {};
  }
  const auto& groups = call.cloud.kind<cloud::Groups>();
  const auto* group = groups.find(*name);
  if (!group || group->region != call.region) {
    return {{arn::autoscaling_group(call.region, call.cloud.options().account_id, "*", *name),
             std::nullopt}};
  }
  std::map<std::string, std::string> tags;
  for (const auto& tag : group->spec.tags) {
    tags[tag.key] = tag.value;
  }
  return {{groups.arn(*group), tags}};
}

// Classic ELB: the load balancer an operation names; the lab keeps no tags of theirs.
std::vector<RequestedResource> load_balancer(const Call& call) {
  auto name = call.params.get("LoadBalancerName");
  if (!name) {
    return {};
  }
  return {{arn::classic_load_balancer(call.region, call.cloud.options().account_id, *name),
           std::nullopt}};
}

// FIS: /experimentTemplates/<id>..., /experiments/<id>..., and StartExperiment's template.
std::vector<RequestedResource> fis_resources(Call& call) {
  const auto& account = call.cloud.options().account_id;
  auto path = call.http.path();
  std::string arn;
  auto id_after = [&path](std::string_view prefix) {
    auto rest = path.substr(prefix.size());
    return net::path_decode(rest.substr(0, rest.find('/')));
  };
  if (path.starts_with("/experimentTemplates/")) {
    arn = arn::fis_template(call.region, account, id_after("/experimentTemplates/"));
  } else if (path.starts_with("/experiments/")) {
    arn = arn::fis_experiment(call.region, account, id_after("/experiments/"));
  } else if (path == "/experiments" && call.http.method == "POST") {
    auto body = nlohmann::json::parse(call.http.body, nullptr, false);
    if (body.is_object() && body.value("experimentTemplateId", nlohmann::json()).is_string()) {
      arn =
          arn::fis_template(call.region, account, body["experimentTemplateId"].get<std::string>());
    }
  }
  if (arn.empty()) {
    return {};
  }
  RequestedResource r{arn, std::nullopt};
  if (auto tags = cloud::fis_service::list_tags(call.cloud, arn)) {
    r.tags = (*tags)["tags"].get<std::map<std::string, std::string>>();
  }
  return {r};
}

std::vector<RequestedResource> s3_resources(const Call& call) {
  auto [bucket, key] = bucket_and_key(call);
  if (bucket.empty()) {
    return {};
  }
  return {{arn::s3_bucket(bucket) + (key.empty() ? "" : "/" + key), std::nullopt}};
}

std::vector<RequestedResource> lambda_resources(const Call& call) {
  // /2015-03-31/functions/<name or ARN>/...
  constexpr std::string_view kPrefix = "/2015-03-31/functions/";
  auto path = call.http.path();
  if (!path.starts_with(kPrefix)) {
    return {};
  }
  auto rest = path.substr(kPrefix.size());
  auto name = net::path_decode(rest.substr(0, rest.find('/')));
  if (name.starts_with("arn:")) {
    return {{name, std::nullopt}};
  }
  return {{arn::lambda_function(call.region, call.cloud.options().account_id, name), std::nullopt}};
}

// The role a call hands to a service (a FIS template's roleArn, a Lambda function's Role), which
// the caller must be allowed to pass (iam:PassRole), as on AWS; empty when none.
std::string passed_role(const Call& call, const ServiceInfo& service,
                        const std::string& operation) {
  const char* member = nullptr;
  if (service.id == "fis" &&
      (operation == "CreateExperimentTemplate" || operation == "UpdateExperimentTemplate")) {
    member = "roleArn";
  } else if (service.id == "lambda" &&
             (operation == "CreateFunction" || operation == "UpdateFunctionConfiguration")) {
    member = "Role";
  }
  if (!member) {
    return "";
  }
  auto body = nlohmann::json::parse(call.http.body, nullptr, false);
  if (!body.is_object() || !body.contains(member) || !body[member].is_string()) {
    return "";
  }
  return body[member].get<std::string>();
}

iam::RequestContext context_of(const Call& call, const cloud::Caller& caller) {
  iam::RequestContext ctx;
  ctx.set("aws:PrincipalArn", caller.role_arn.empty() ? caller.arn : caller.role_arn);
  ctx.set("aws:userid", caller.user_id);
  ctx.set("aws:PrincipalAccount", call.cloud.options().account_id);
  ctx.set("aws:PrincipalType", caller.user_name.empty() ? "AssumedRole" : "User");
  ctx.set("aws:RequestedRegion", call.region);
  if (!caller.user_name.empty()) {
    ctx.set("aws:username", caller.user_name);
  }
  return ctx;
}

Error access_denied(const ServiceInfo& service, const cloud::Caller& caller,
                    const std::string& action, const std::string& resource) {
  auto message = fmt::format("User: {} is not authorized to perform: {} on resource: {} because "
                             "no identity-based policy allows the {} action",
                             caller.arn, action, resource, action);
  if (service.protocol == Protocol::Ec2) {
    return {"UnauthorizedOperation",
            fmt::format("You are not authorized to perform this operation. User: {} is not "
                        "authorized to perform: {} on resource: {}",
                        caller.arn, action, resource),
            403};
  }
  bool query = service.protocol == Protocol::Query || service.protocol == Protocol::RestXml;
  return {query ? "AccessDenied" : "AccessDeniedException", message, 403};
}

}  // namespace

std::string action_prefix(const ServiceInfo& service) {
  return service.id == "elb" ? "elasticloadbalancing" : service.id;
}

std::vector<RequestedResource> requested_resources(Call& call, const ServiceInfo& service) {
  if (service.id == "ec2") {
    return ec2_instances(call);
  }
  if (service.id == "fis") {
    return fis_resources(call);
  }
  if (service.id == "autoscaling") {
    return autoscaling_group(call);
  }
  if (service.id == "elb") {
    return load_balancer(call);
  }
  if (service.id == "s3") {
    return s3_resources(call);
  }
  if (service.id == "lambda") {
    return lambda_resources(call);
  }
  return {};
}

std::optional<Error> unauthorized(Call& call, const Service& service) {
  const auto& info = service.info();
  auto caller = call.cloud.kind<cloud::Sessions>().caller(call.access_key);
  if (caller.user_name.empty() && caller.role_arn.empty()) {
    return std::nullopt;  // the account's root
  }
  const auto& directory = call.cloud.kind<cloud::IamDirectory>().directory();
  std::vector<nlohmann::json> policies;
  if (!caller.user_name.empty()) {
    policies = directory.user_policy_documents(caller.user_name);
  } else if (const auto* role = directory.role_by_arn(caller.role_arn)) {
    policies = directory.policy_documents(role->name);
  }
  auto operation = service.action_of(call);
  if (operation.empty()) {
    return std::nullopt;  // the service answers that it has no such operation
  }
  const auto action = action_prefix(info) + ":" + operation;
  if (action == "sts:GetCallerIdentity") {
    return std::nullopt;  // needs no permission, as on AWS
  }
  auto resources = requested_resources(call, info);
  if (resources.empty()) {
    resources.push_back({"*", std::nullopt});
  }
  for (const auto& resource : resources) {
    auto ctx = context_of(call, caller);
    if (resource.tags) {
      ctx.know_prefix("aws:ResourceTag/");
      for (const auto& [key, value] : *resource.tags) {
        ctx.set("aws:ResourceTag/" + key, value);
      }
    }
    if (!iam::is_allowed(policies, action, resource.arn, ctx)) {
      return access_denied(info, caller, action, resource.arn);
    }
  }
  if (auto role = passed_role(call, info, operation); !role.empty()) {
    if (!iam::is_allowed(policies, "iam:PassRole", role, context_of(call, caller))) {
      return access_denied(info, caller, "iam:PassRole", role);
    }
  }
  return std::nullopt;
}

}  // namespace faultbox::api
