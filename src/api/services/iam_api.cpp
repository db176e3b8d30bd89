// IAM (query protocol, 2010-05-08): roles, customer managed policies, inline role policies and
// attachments. They are the same records the stacks write (aws_iam_role, aws_iam_policy,
// aws_iam_role_policy, aws_iam_role_policy_attachment), so FIS permission checks see roles made
// here exactly as those of a stack. IAM is global: the request's region does not matter.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <functional>

#include "api/operation_service.h"
#include "api/services/all_services.h"
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

constexpr const char* kRole = "aws_iam_role";
constexpr const char* kPolicy = "aws_iam_policy";
constexpr const char* kRolePolicy = "aws_iam_role_policy";
constexpr const char* kAttachment = "aws_iam_role_policy_attachment";
constexpr const char* kLegacyAttachment = "aws_iam_policy_attachment";  // roles = [...]

Error no_such_entity(std::string message) {
  return Error{"NoSuchEntity", std::move(message), 404};
}
Error already_exists(std::string message) {
  return Error{"EntityAlreadyExists", std::move(message), 409};
}

// IAM's unique ids: a kind prefix and 17 characters from the name.
std::string unique_id(const char* prefix, const std::string& name) {
  static constexpr char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  auto h = std::hash<std::string>{}(name);
  auto g = std::hash<std::string>{}(name + "#");
  std::string out = prefix;
  for (int i = 0; i < 17; ++i) {
    auto bits = i < 12 ? (h >> (5 * i)) : (g >> (5 * (i - 12)));
    out += kChars[bits & 31];
  }
  return out;
}

std::string text_of(const json& body, const char* key) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) {
    return "";
  }
  return it->is_string() ? it->get<std::string>() : it->dump();
}

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

std::string now_text(const Call& call) { return format_iso8601(call.cloud.clock().now()); }

json role_json(const Call& call, const std::string& name, const json& r) {
  auto path = text_of(r, "path");
  json out = {{"Path", path.empty() ? "/" : path},
              {"RoleName", name},
              {"RoleId", unique_id("AROA", name)},
              {"Arn", text_of(r, "arn")},
              {"CreateDate", r.value("create_date", now_text(call))},
              // IAM sends documents URL-encoded; clients decode them.
              {"AssumeRolePolicyDocument", net::url_encode(text_of(r, "assume_role_policy"))},
              {"MaxSessionDuration", r.value("max_session_duration", 3600)}};
  if (auto d = text_of(r, "description"); !d.empty()) {
    out["Description"] = d;
  }
  return out;
}

Result<const json*> role(const Call& call, const std::string& name) {
  const auto& roles = call.cloud.records(kRole);
  auto it = roles.find(name);
  if (it == roles.end()) {
    return no_such_entity("The role with name " + name + " cannot be found.");
  }
  return &it->second;
}

// A name IAM will hold (roles: 64 characters, policies: 128), of IAM's characters [\w+=,.@-].
Result<std::string> iam_name(const Input& in, std::string_view member, size_t max_length) {
  FAULTBOX_TRY(name, in.string(member, true));
  std::string field(member);
  field[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(field[0])));
  auto refuse = [&](const std::string& constraint) {
    auto shown = name.size() > 80 ? name.substr(0, 80) + "..." : name;
    return query_errors::validation("1 validation error detected: Value '" + shown + "' at '" + field +
                     "' failed to satisfy constraint: " + constraint);
  };
  if (name.size() > max_length) {
    return refuse("Member must have length less than or equal to " + std::to_string(max_length));
  }
  auto allowed = [](unsigned char c) {
    return std::isalnum(c) != 0 || std::string_view("_+=,.@-").find(static_cast<char>(c)) !=
                                       std::string_view::npos;
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
  if (call.cloud.records(kRole).count(name) > 0) {
    return already_exists("Role with name " + name + " already exists.");
  }
  json r = {{"id", name},
            {"name", name},
            {"arn", arn::iam_role(call.cloud.options().account_id, path, name)},
            {"path", path},
            {"assume_role_policy", trust},
            {"description", description},
            {"max_session_duration", session.value_or(3600)},
            {"create_date", now_text(call)}};
  call.cloud.put_record(kRole, name, r);
  return json{{"Role", role_json(call, name, r)}};
}

Result<json> get_role(Call& call, const Input& in) {
  FAULTBOX_TRY(name, in.string("RoleName", true));
  FAULTBOX_TRY(r, role(call, name));
  return json{{"Role", role_json(call, name, *r)}};
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
  for (const auto& [name, r] : call.cloud.records(kRole)) {
    auto path = text_of(r, "path");
    if ((!marker.empty() && name < marker) ||
        (path.empty() ? std::string("/") : path).rfind(prefix.empty() ? "/" : prefix, 0) != 0) {
      continue;
    }
    if (static_cast<long long>(list.size()) == limit) {
      next = name;
      break;
    }
    list.push_back(role_json(call, name, r));
  }
  json out = {{"Roles", list}, {"IsTruncated", !next.empty()}};
  if (!next.empty()) {
    out["Marker"] = make_page_token(next);
  }
  return out;
}

// A customer managed policy record by ARN, or null.
const json* customer_policy(const Call& call, const std::string& arn) {
  for (const auto& [name, p] : call.cloud.records(kPolicy)) {
    if (text_of(p, "arn") == arn) {
      return &p;
    }
  }
  return nullptr;
}

int attachment_count(const Call& call, const std::string& arn) {
  int n = 0;
  for (const auto& [id, a] : call.cloud.records(kAttachment)) {
    n += text_of(a, "policy_arn") == arn ? 1 : 0;
  }
  for (const auto& [id, a] : call.cloud.records(kLegacyAttachment)) {
    if (text_of(a, "policy_arn") == arn && a.contains("roles") && a["roles"].is_array()) {
      n += static_cast<int>(a["roles"].size());
    }
  }
  return n;
}

json policy_json(const Call& call, const std::string& arn, const std::string& name,
                 const std::string& path, const std::string& description,
                 const std::string& created) {
  json out = {{"PolicyName", name},
              {"PolicyId", unique_id("ANPA", arn)},
              {"Arn", arn},
              {"Path", path.empty() ? "/" : path},
              {"DefaultVersionId", "v1"},
              {"AttachmentCount", attachment_count(call, arn)},
              {"PermissionsBoundaryUsageCount", 0},
              {"IsAttachable", true},
              {"CreateDate", created},
              {"UpdateDate", created}};
  if (!description.empty()) {
    out["Description"] = description;
  }
  return out;
}

Result<json> create_policy(Call& call, const Input& in) {
  FAULTBOX_TRY(name, iam_name(in, "PolicyName", 128));
  FAULTBOX_TRY(doc, document(in, "PolicyDocument"));
  FAULTBOX_TRY(path, path_of(in));
  FAULTBOX_TRY(description, in.string("Description"));
  if (call.cloud.records(kPolicy).count(name) > 0) {
    return already_exists("A policy called " + name +
                          " already exists. Duplicate names are not allowed.");
  }
  auto arn = arn::iam_policy(call.cloud.options().account_id, path, name);
  auto created = now_text(call);
  call.cloud.put_record(kPolicy, name,
                        {{"id", arn},
                         {"name", name},
                         {"arn", arn},
                         {"path", path},
                         {"policy", doc},
                         {"description", description},
                         {"create_date", created}});
  return json{{"Policy", policy_json(call, arn, name, path, description, created)}};
}

Result<json> get_policy(Call& call, const Input& in) {
  FAULTBOX_TRY(arn, in.string("PolicyArn", true));
  if (const auto* p = customer_policy(call, arn)) {
    return json{{"Policy", policy_json(call, arn, text_of(*p, "name"), text_of(*p, "path"),
                                       text_of(*p, "description"),
                                       p->value("create_date", now_text(call)))}};
  }
  if (iam::managed_policy(arn) != nullptr) {
    auto slash = arn.find(":policy/");
    auto rest = arn.substr(slash + 7);  // "/service-role/Name"
    auto last = rest.rfind('/');
    return json{{"Policy", policy_json(call, arn, rest.substr(last + 1), rest.substr(0, last + 1),
                                       "", "2021-01-25T00:00:00.000Z")}};
  }
  return no_such_entity("Policy " + arn + " does not exist or is not attachable.");
}

Result<json> attach_role_policy(Call& call, const Input& in) {
  FAULTBOX_TRY(name, in.string("RoleName", true));
  FAULTBOX_TRY(arn, in.string("PolicyArn", true));
  FAULTBOX_TRY_VOID(role(call, name));
  if (!customer_policy(call, arn) && !iam::managed_policy(arn)) {
    return no_such_entity("Policy " + arn + " does not exist or is not attachable.");
  }
  auto id = name + "/" + arn;
  call.cloud.put_record(kAttachment, id, {{"id", id}, {"role", name}, {"policy_arn", arn}});
  return json::object();
}

Result<json> put_role_policy(Call& call, const Input& in) {
  FAULTBOX_TRY(name, in.string("RoleName", true));
  FAULTBOX_TRY(policy_name, iam_name(in, "PolicyName", 128));
  FAULTBOX_TRY(doc, document(in, "PolicyDocument"));
  FAULTBOX_TRY_VOID(role(call, name));
  auto id = name + ":" + policy_name;
  call.cloud.put_record(kRolePolicy, id,
                        {{"id", id}, {"name", policy_name}, {"role", name}, {"policy", doc}});
  return json::object();
}
}  // namespace

const Service& iam_api() {
  static const OperationService s({"iam", "IAM", {"iam"}, Protocol::Query, "2010-05-08",
                                   "https://iam.amazonaws.com/doc/2010-05-08/", ""},
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
