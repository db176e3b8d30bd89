// IAM policy evaluation, as much as the lab needs: Allow/Deny statements with Action or NotAction
// and Resource or NotResource (wildcards * and ?, policy variables), explicit Deny winning,
// default deny. Conditions are evaluated against the request's context (iam/conditions.h); one
// the lab cannot evaluate fails closed: such an Allow grants nothing, such a Deny denies.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "iam/request_context.h"

namespace faultbox::iam {

// IAM's wildcard match: '*' any run of characters, '?' one; actions compare case-insensitively.
bool wildcard_match(std::string_view pattern, std::string_view text, bool ignore_case);

// Whether the policy documents (JSON objects with "Statement") allow `action` ("ec2:StopInstances")
// on `resource` (an ARN, or "*" for an operation on no particular resource), in `ctx`.
bool is_allowed(const std::vector<nlohmann::json>& policies, std::string_view action,
                std::string_view resource, const RequestContext& ctx);
// The same with no context: every condition is unknown.
bool is_allowed(const std::vector<nlohmann::json>& policies, std::string_view action,
                std::string_view resource);

// Whether a role's trust (assume-role) policy lets `service` ("fis.amazonaws.com") call
// sts:AssumeRole: an Allow whose Principal names the service (or "*"), and no such Deny.
bool trusts_service(const nlohmann::json& trust_policy, std::string_view service);

// Whether a role's trust policy lets a principal of kind `key` ("AWS", "Federated") call `action`
// ("sts:AssumeRole", "sts:AssumeRoleWithWebIdentity"): an Allow whose Principal[key] is "*" or
// one of `names` (empty `names`: any), and no such Deny. Conditions are not evaluated: the lab
// cannot check a web identity's claims, so a conditional Allow counts.
bool trusts_principal(const nlohmann::json& trust_policy, std::string_view key,
                      const std::vector<std::string>& names, std::string_view action);

// The AWS-managed policies the lab knows by ARN (the FIS ones); null when unknown.
const nlohmann::json* managed_policy(std::string_view arn);

}  // namespace faultbox::iam
