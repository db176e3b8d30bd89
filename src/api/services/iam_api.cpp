// IAM (query protocol, 2010-05-08): roles, customer managed policies, inline role policies and
// attachments, in the account's one IAM directory (iam::Directory), which the stacks' IAM
// resources and FIS's permission checks use too. IAM is global: the request's region does not
// matter.
#include <algorithm>
#include <cctype>

#include "api/operation_service.h"
#include "api/services/all_services.h"
#include "cloud/iam/iam_directory.h"
#include "core/arn.h"
#include "core/aws_errors.h"
#include "core/iso8601.h"
#include "core/json_text.h"
#include "core/page_token.h"
#include "iam/policy_evaluator.h"
#include "net/http_message.h"

namespace faultbox::api {

namespace {
using nlohmann::json;

iam::Directory& directory(Call& call) { return call.cloud.kind<cloud::IamDirectory>().directory(); }

Result<std::string> path_of(const Input& in) {
  FAULTBOX_TRY(path, in.string("Path"));
  if (path.empty()) {
    return std::string("/");
  }
  if (path.front() != '/' || path.back() != '/') {
    return query_errors::validation("The specified value for path is invalid. It must begin and "
                                    "end with / and contain only alphanumeric characters and/or "
                                    "/ characters.");
  }
  return path;
}

// A policy document must be JSON (IAM's MalformedPolicyDocument otherwise).
Result<std::string> document(const Input& in, std::string_view name) {
  FAULTBOX_TRY(text, in.string(name, true));
  auto parsed = parse_json(text, name);
  if (!parsed || !parsed->is_object()) {
    return Error{"MalformedPolicyDocument", "Syntax errors in policy.", 400};
  }
  return text;
}

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

// A name IAM will hold (roles: 64 characters, policies: 128), of IAM's characters [\w+=,.@-].
Result<std::string> iam_name(const Input& in, std::string_view member, size_t max_length) {
  FAULTBOX_TRY(name, in.string(member, true));
  std::string field(member);
  field[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(field[0])));
  auto refuse = [&](const std::string& constraint) {
    auto shown = name.size() > 80 ? name.substr(0, 80) + "..." : name;
    return query_errors::validation("1 validation error detected: Value '" + shown + "' at '" +
                                    field + "' failed to satisfy constraint: " + constraint);
  };
  if (name.size() > max_length) {
    return refuse("Member must have length less than or equal to " + std::to_string(max_length));
  }
  auto allowed = [](unsigned char c) {
    return std::isalnum(c) != 0 ||
           std::string_view("_+=,.@-").find(static_cast<char>(c)) != std::string_view::npos;
  };
  if (name.empty() || !std::all_of(name.begin(), name.end(), allowed)) {
    return refuse("Member must satisfy regular expression pattern: [\\w+=,.@-]+");
  }
  return name;
}

Result<json> create_role(Call& call, const Input& in) {
  FAULTBOX_TRY(name, iam_name(in, "RoleName", 64));
  FAULTBOX_TRY(trust, document(in, "AssumeRolePolicyDocument"));
  FAULTBOX_TRY(path, path_of(in));
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

// Marker: the name to start from; MaxItems: the page size (100 by default).
Result<json> list_roles(Call& call, const Input& in) {
  FAULTBOX_TRY(prefix, in.string("PathPrefix"));
  FAULTBOX_TRY(marker, in.string("Marker"));
  FAULTBOX_TRY(max_items, in.integer("MaxItems"));
  auto limit = max_items.value_or(100);
  if (limit < 1 || limit > 1000) {
    return query_errors::validation("MaxItems must be between 1 and 1000.");
  }
  if (!marker.empty()) {
    auto start = read_page_token(marker);
    if (!start) {
      return query_errors::validation("The Marker is not one this API returned.");
    }
    marker = *start;
  }
  json list = json::array();
  std::string next;
  for (const auto& [name, r] : directory(call).roles()) {
    if ((!marker.empty() && name < marker) || !r.path.starts_with(prefix.empty() ? "/" : prefix)) {
      continue;
    }
    if (static_cast<long long>(list.size()) == limit) {
      next = name;
      break;
    }
    list.push_back(role_json(r));
  }
  json out = {{"Roles", list}, {"IsTruncated", !next.empty()}};
  if (!next.empty()) {
    out["Marker"] = make_page_token(next);
  }
  return out;
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
  FAULTBOX_TRY(doc, document(in, "PolicyDocument"));
  FAULTBOX_TRY(path, path_of(in));
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
  FAULTBOX_TRY(doc, document(in, "PolicyDocument"));
  FAULTBOX_TRY_VOID(directory(call).put_role_policy(name, policy_name, doc));
  return json::object();
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
                                  WireOptions{},
                                  {{"CreateRole", create_role},
                                   {"GetRole", get_role},
                                   {"ListRoles", list_roles},
                                   {"AttachRolePolicy", attach_role_policy},
                                   {"PutRolePolicy", put_role_policy},
                                   {"CreatePolicy", create_policy},
                                   {"GetPolicy", get_policy}});
  return s;
}

}  // namespace faultbox::api
