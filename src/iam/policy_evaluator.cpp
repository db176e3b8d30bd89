#include "iam/policy_evaluator.h"

#include <algorithm>

#include "core/wildcard.h"
#include "iam/conditions.h"

namespace faultbox::iam {

namespace {
std::vector<std::string> as_list(const nlohmann::json& j) {
  if (j.is_string()) {
    return {j.get<std::string>()};
  }
  std::vector<std::string> out;
  if (j.is_array()) {
    for (const auto& e : j) {
      if (e.is_string()) {
        out.push_back(e.get<std::string>());
      }
    }
  }
  return out;
}

bool any_match(const nlohmann::json& patterns, std::string_view text, bool ignore_case) {
  for (const auto& p : as_list(patterns)) {
    if (wildcard_match(p, text, ignore_case)) {
      return true;
    }
  }
  return false;
}

// Whether the statement's Action (or NotAction) covers `action`.
bool covers_action(const nlohmann::json& statement, std::string_view action) {
  if (statement.contains("NotAction")) {
    return !any_match(statement.at("NotAction"), action, true);
  }
  return any_match(statement.value("Action", nlohmann::json()), action, true);
}

// Whether the statement's Resource (or NotResource) covers `resource`; patterns may hold
// policy variables (${aws:username}), and one the request cannot fill matches nothing.
bool covers_resource(const nlohmann::json& statement, std::string_view resource,
                     const RequestContext& ctx) {
  const bool negated = statement.contains("NotResource");
  bool matched = false;
  for (const auto& pattern :
       as_list(statement.value(negated ? "NotResource" : "Resource", nlohmann::json()))) {
    auto resolved = substitute_variables(pattern, ctx);
    matched = matched || (resolved && wildcard_match(*resolved, resource, false));
  }
  return matched != negated;
}

// Returns +1 for a matching Allow, -1 for a matching Deny, 0 otherwise. A condition the lab
// cannot evaluate fails closed: such an Allow grants nothing, such a Deny denies.
int verdict(const nlohmann::json& statement, std::string_view action, std::string_view resource,
            const RequestContext& ctx) {
  if (!statement.is_object() || !covers_action(statement, action) ||
      !covers_resource(statement, resource, ctx)) {
    return 0;
  }
  const std::string effect = statement.value("Effect", "");
  auto condition = statement.contains("Condition")
                       ? evaluate_conditions(statement.at("Condition"), ctx)
                       : ConditionResult::Met;
  if (effect == "Deny") {
    return condition == ConditionResult::NotMet ? 0 : -1;
  }
  return effect == "Allow" && condition == ConditionResult::Met ? 1 : 0;
}

nlohmann::json statements_of(const nlohmann::json& policy) {
  auto statements =
      policy.is_object() ? policy.value("Statement", nlohmann::json()) : nlohmann::json();
  return statements.is_object() ? nlohmann::json::array({statements}) : statements;
}

// Whether a trust statement's Principal names `service` ("*" names everyone).
bool names_service(const nlohmann::json& principal, std::string_view service) {
  if (principal.is_string()) {
    return principal.get<std::string>() == "*";
  }
  if (!principal.is_object()) {
    return false;
  }
  for (const auto& s : as_list(principal.value("Service", nlohmann::json()))) {
    if (s == service) {
      return true;
    }
  }
  for (const auto& a : as_list(principal.value("AWS", nlohmann::json()))) {
    if (a == "*") {
      return true;
    }
  }
  return false;
}
}  // namespace

bool wildcard_match(std::string_view pattern, std::string_view text, bool ignore_case) {
  return faultbox::wildcard_match(pattern, text, {.ignore_case = ignore_case});
}

bool is_allowed(const std::vector<nlohmann::json>& policies, std::string_view action,
                std::string_view resource, const RequestContext& ctx) {
  bool allowed = false;
  for (const auto& policy : policies) {
    for (const auto& s : statements_of(policy)) {
      int v = verdict(s, action, resource, ctx);
      if (v < 0) {
        return false;
      }
      allowed = allowed || v > 0;
    }
  }
  return allowed;
}

bool is_allowed(const std::vector<nlohmann::json>& policies, std::string_view action,
                std::string_view resource) {
  return is_allowed(policies, action, resource, RequestContext{});
}

bool trusts_service(const nlohmann::json& trust_policy, std::string_view service) {
  bool trusted = false;
  for (const auto& s : statements_of(trust_policy)) {
    if (!s.is_object() || !names_service(s.value("Principal", nlohmann::json()), service) ||
        !any_match(s.value("Action", nlohmann::json()), "sts:AssumeRole", true)) {
      continue;
    }
    const std::string effect = s.value("Effect", "");
    if (effect == "Deny") {
      return false;
    }
    trusted = trusted || (effect == "Allow" && !s.contains("Condition"));
  }
  return trusted;
}

bool trusts_principal(const nlohmann::json& trust_policy, std::string_view key,
                      const std::vector<std::string>& names, std::string_view action) {
  bool trusted = false;
  for (const auto& s : statements_of(trust_policy)) {
    if (!s.is_object() || !any_match(s.value("Action", nlohmann::json()), action, true)) {
      continue;
    }
    const auto principal = s.value("Principal", nlohmann::json());
    bool named = principal.is_string() && principal.get<std::string>() == "*";
    if (principal.is_object() && principal.contains(std::string(key))) {
      for (const auto& p : as_list(principal.at(std::string(key)))) {
        named = named || p == "*" || names.empty() ||
                std::find(names.begin(), names.end(), p) != names.end();
      }
    }
    if (!named) {
      continue;
    }
    const std::string effect = s.value("Effect", "");
    if (effect == "Deny") {
      return false;
    }
    trusted = trusted || effect == "Allow";
  }
  return trusted;
}

const nlohmann::json* managed_policy(std::string_view arn) {
  // The lab's reading of the FIS EC2 policy: the instance actions FIS's EC2 faults use, Run
  // Command for aws:ssm:send-command, and the capacity faults' injection (AWS's statement limits it
  // to those actions by condition keys, which the lab does not evaluate).
  static const nlohmann::json kFisEc2 = {
      {"Version", "2012-10-17"},
      {"Statement",
       {{{"Effect", "Allow"},
         {"Action",
          {"ec2:StopInstances", "ec2:StartInstances", "ec2:RebootInstances",
           "ec2:TerminateInstances", "ec2:DescribeInstances", "ec2:SendSpotInstanceInterruptions"}},
         {"Resource", "arn:aws:ec2:*:*:instance/*"}},
        {{"Effect", "Allow"},
         {"Action", "ssm:SendCommand"},
         {"Resource", {"arn:aws:ec2:*:*:instance/*", "arn:aws:ssm:*:*:document/*"}}},
        {{"Effect", "Allow"},
         {"Action", {"ssm:ListCommands", "ssm:CancelCommand"}},
         {"Resource", "*"}},
        {{"Effect", "Allow"},
         {"Action", {"ec2:InjectApiError", "autoscaling:DescribeAutoScalingGroups"}},
         {"Resource", "*"}}}}};
  // FIS's network policy: what aws:network:disrupt-connectivity does to network ACLs.
  static const nlohmann::json kFisNetwork = {
      {"Version", "2012-10-17"},
      {"Statement",
       {{{"Effect", "Allow"},
         {"Action",
          {"ec2:CreateNetworkAcl", "ec2:CreateNetworkAclEntry", "ec2:DeleteNetworkAcl",
           "ec2:ReplaceNetworkAclAssociation", "ec2:DescribeNetworkAcls", "ec2:DescribeSubnets",
           "ec2:DescribeVpcs", "ec2:DescribeInstances", "ec2:CreateTags",
           "ec2:DescribeManagedPrefixLists", "ec2:GetManagedPrefixListEntries"}},
         {"Resource", "*"}}}}};
  static const nlohmann::json kAdmin = {
      {"Version", "2012-10-17"},
      {"Statement", {{{"Effect", "Allow"}, {"Action", "*"}, {"Resource", "*"}}}}};
  if (arn == "arn:aws:iam::aws:policy/service-role/AWSFaultInjectionSimulatorEC2Access") {
    return &kFisEc2;
  }
  if (arn == "arn:aws:iam::aws:policy/service-role/AWSFaultInjectionSimulatorNetworkAccess") {
    return &kFisNetwork;
  }
  if (arn == "arn:aws:iam::aws:policy/AdministratorAccess") {
    return &kAdmin;
  }
  return nullptr;
}

}  // namespace faultbox::iam
