// IAM (query protocol, 2010-05-08): roles, customer managed policies, inline role policies and
// attachments, in the account's one IAM directory (iam::Directory), which the stacks' IAM
// resources and FIS's permission checks use too. IAM is global: the request's region does not
// matter.
#include <algorithm>
#include <cctype>

#include "api/operation_service.h"
#include "api/services/all_services.h"
#include "api/services/iam_input.h"
#include "api/services/iam_users_api.h"
#include "cloud/iam/iam_directory.h"
#include "core/arn.h"
#include "core/aws_errors.h"
#include "core/iso8601.h"
#include "core/json_text.h"
#include "iam/policy_evaluator.h"
#include "net/http_message.h"

namespace faultbox::api {

namespace {
using nlohmann::json;

iam::Directory& directory(Call& call) { return call.cloud.kind<cloud::IamDirectory>().directory(); }

json role_json(const iam::Role& r) {
  json out = {{"Path", r.path},
              {"RoleName", r.name},
              {"RoleId", r.id},
              {"Arn", r.arn},
              {"CreateDate", format_iso8601(r.created)},
              // IAM sends documents URL-encoded; clients decode them.
              {"AssumeRolePolicyDocument", net::url_encode(r.trust_policy)},
              {"MaxSessionDuration", r.max_session_duration}};
  if (!r.description.empty()) {
    out["Description"] = r.description;
  }
  return out;
}

Result<json> create_role(Call& call, const Input& in) {
  FAULTBOX_TRY(name, iam_name(in, "RoleName", 64));
  FAULTBOX_TRY(trust, iam_policy_document(in, "AssumeRolePolicyDocument"));
  FAULTBOX_TRY(path, iam_path(in));
  FAULTBOX_TRY(description, in.string("Description"));
  FAULTBOX_TRY(session, in.integer("MaxSessionDuration"));
  iam::Role role{.name = name,
                 .path = path,
                 .trust_policy = trust,
                 .description = description,
                 .max_session_duration = static_cast<int>(session.value_or(3600))};
  FAULTBOX_TRY(made, directory(call).create_role(std::move(role), call.cloud.clock().now()));
  return json{{"Role", role_json(*made)}};
}

Result<json> get_role(Call& call, const Input& in) {
  FAULTBOX_TRY(name, in.string("RoleName", true));
  const auto* role = directory(call).find_role(name);
  if (!role) {
    return Error{"NoSuchEntity", "The role with name " + name + " cannot be found.", 404};
  }
  return json{{"Role", role_json(*role)}};
}

Result<json> list_roles(Call& call, const Input& in) {
  FAULTBOX_TRY(prefix, in.string("PathPrefix"));
  FAULTBOX_TRY(page, iam_page(in));
  return iam_list_page("Roles", directory(call).roles(), page, prefix, role_json);
}

json policy_json(const iam::Directory& d, const std::string& arn, const std::string& name,
                 const std::string& path, const std::string& description, TimePoint created) {
  json out = {{"PolicyName", name},
              {"PolicyId", d.find_policy(arn) ? d.find_policy(arn)->id : "ANPAAWSMANAGEDPOLICY"},
              {"Arn", arn},
              {"Path", path},
              {"DefaultVersionId", "v1"},
              {"AttachmentCount", d.attachment_count(arn)},
              {"PermissionsBoundaryUsageCount", 0},
              {"IsAttachable", true},
              {"CreateDate", format_iso8601(created)},
              {"UpdateDate", format_iso8601(created)}};
  if (!description.empty()) {
    out["Description"] = description;
  }
  return out;
}

json policy_json(const iam::Directory& d, const iam::Policy& p) {
  return policy_json(d, p.arn, p.name, p.path, p.description, p.created);
}

Result<json> create_policy(Call& call, const Input& in) {
  FAULTBOX_TRY(name, iam_name(in, "PolicyName", 128));
  FAULTBOX_TRY(doc, iam_policy_document(in, "PolicyDocument"));
  FAULTBOX_TRY(path, iam_path(in));
  FAULTBOX_TRY(description, in.string("Description"));
  iam::Policy policy{.name = name, .path = path, .document = doc, .description = description};
  FAULTBOX_TRY(made, directory(call).create_policy(std::move(policy), call.cloud.clock().now()));
  return json{{"Policy", policy_json(directory(call), *made)}};
}

// The AWS-managed policies the lab knows were all published on one day, as far as it says.
constexpr TimePoint kAwsManagedCreated{Duration(1'611'532'800'000)};  // 2021-01-25

Result<json> get_policy(Call& call, const Input& in) {
  FAULTBOX_TRY(arn, in.string("PolicyArn", true));
  const auto& d = directory(call);
  if (const auto* p = d.find_policy(arn)) {
    return json{{"Policy", policy_json(d, *p)}};
  }
  if (iam::managed_policy(arn) != nullptr) {
    auto slash = arn.find(":policy/");
    auto rest = arn.substr(slash + 7);  // "/service-role/Name"
    auto last = rest.rfind('/');
    return json{{"Policy", policy_json(d, arn, rest.substr(last + 1), rest.substr(0, last + 1), "",
                                       kAwsManagedCreated)}};
  }
  return Error{"NoSuchEntity", "Policy " + arn + " does not exist or is not attachable.", 404};
}

Result<json> attach_role_policy(Call& call, const Input& in) {
  FAULTBOX_TRY(name, in.string("RoleName", true));
  FAULTBOX_TRY(arn, in.string("PolicyArn", true));
  auto& d = directory(call);
  // AWS has every managed policy; the lab knows the documents of a few and refuses the rest.
  if (d.find_role(name) && !d.find_policy(arn) && !iam::managed_policy(arn)) {
    return Error{"NoSuchEntity", "Policy " + arn + " does not exist or is not attachable.", 404};
  }
  FAULTBOX_TRY_VOID(d.attach_role_policy(name, arn));
  return json::object();
}

Result<json> put_role_policy(Call& call, const Input& in) {
  FAULTBOX_TRY(name, in.string("RoleName", true));
  FAULTBOX_TRY(policy_name, iam_name(in, "PolicyName", 128));
  FAULTBOX_TRY(doc, iam_policy_document(in, "PolicyDocument"));
  FAULTBOX_TRY_VOID(directory(call).put_role_policy(name, policy_name, doc));
  return json::object();
}

Operations iam_operations() {
  auto operations = iam_user_operations();
  operations.insert({{"CreateRole", create_role},
                     {"GetRole", get_role},
                     {"ListRoles", list_roles},
                     {"AttachRolePolicy", attach_role_policy},
                     {"PutRolePolicy", put_role_policy},
                     {"CreatePolicy", create_policy},
                     {"GetPolicy", get_policy}});
  return operations;
}
}  // namespace

const Service& iam_api() {
  static const OperationService s({"iam",
                                   "IAM",
                                   {"iam"},
                                   Protocol::Query,
                                   "2010-05-08",
                                   "https://iam.amazonaws.com/doc/2010-05-08/",
                                   ""},
                                  WireOptions{}, iam_operations());
  return s;
}

}  // namespace faultbox::api
