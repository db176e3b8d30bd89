// IAM users and their access keys and policies, as IAM answers them. An access key's secret is
// in CreateAccessKey's answer only. Without a UserName, the key and user operations act on the
// calling user, as IAM does; the account's root has no user to default to.
#include "api/services/iam_users_api.h"

#include "api/services/iam_input.h"
#include "cloud/iam/iam_directory.h"
#include "cloud/sts/sessions.h"
#include "core/iso8601.h"
#include "net/http_message.h"

namespace faultbox::api {

namespace {
using nlohmann::json;

iam::Directory& directory(Call& call) { return call.cloud.kind<cloud::IamDirectory>().directory(); }
iam::Users& users(Call& call) { return directory(call).users(); }

json user_json(const iam::User& u) {
  return {{"Path", u.path},
          {"UserName", u.name},
          {"UserId", u.id},
          {"Arn", u.arn},
          {"CreateDate", format_iso8601(u.created)}};
}

// UserName, or the calling user's name when the request names none, as IAM defaults to it.
Result<std::string> user_name_or_caller(Call& call, const Input& in) {
  if (in.has("UserName")) {
    return iam_name(in, "UserName", 64);
  }
  auto caller = call.cloud.kind<cloud::Sessions>().caller(call.access_key);
  if (caller.user_name.empty()) {
    return Error{"ValidationError", "Must specify userName when calling with non-User credentials",
                 400};
  }
  return caller.user_name;
}

Result<const iam::User*> existing_user(Call& call, const std::string& name) {
  const auto* user = users(call).find(name);
  if (!user) {
    return Error{"NoSuchEntity", "The user with name " + name + " cannot be found.", 404};
  }
  return user;
}

Result<json> create_user(Call& call, const Input& in) {
  FAULTBOX_TRY(name, iam_name(in, "UserName", 64));
  FAULTBOX_TRY(path, iam_path(in));
  FAULTBOX_TRY(made,
               users(call).create(iam::User{.name = name, .path = path}, call.cloud.clock().now()));
  return json{{"User", user_json(*made)}};
}

Result<json> get_user(Call& call, const Input& in) {
  FAULTBOX_TRY(name, user_name_or_caller(call, in));
  FAULTBOX_TRY(user, existing_user(call, name));
  return json{{"User", user_json(*user)}};
}

Result<json> list_users(Call& call, const Input& in) {
  FAULTBOX_TRY(prefix, in.string("PathPrefix"));
  FAULTBOX_TRY(page, iam_page(in));
  return iam_list_page("Users", users(call).all(), page, prefix, user_json);
}

Result<json> delete_user(Call& call, const Input& in) {
  FAULTBOX_TRY(name, iam_name(in, "UserName", 64));
  FAULTBOX_TRY_VOID(users(call).remove(name));
  return json::object();
}

json key_json(const iam::AccessKey& k) {
  return {{"UserName", k.user},
          {"AccessKeyId", k.id},
          {"Status", k.active ? "Active" : "Inactive"},
          {"CreateDate", format_iso8601(k.created)}};
}

Result<json> create_access_key(Call& call, const Input& in) {
  FAULTBOX_TRY(name, user_name_or_caller(call, in));
  FAULTBOX_TRY(key, users(call).create_key(name, call.cloud.clock().now()));
  auto out = key_json(*key);
  out["SecretAccessKey"] = key->secret;
  return json{{"AccessKey", out}};
}

Result<json> list_access_keys(Call& call, const Input& in) {
  FAULTBOX_TRY(name, user_name_or_caller(call, in));
  FAULTBOX_TRY(user, existing_user(call, name));
  json list = json::array();
  for (const auto* key : users(call).keys_of(user->name)) {
    list.push_back(key_json(*key));
  }
  return iam_list("AccessKeyMetadata", std::move(list), "");
}

Result<json> delete_access_key(Call& call, const Input& in) {
  FAULTBOX_TRY(name, user_name_or_caller(call, in));
  FAULTBOX_TRY(key_id, in.string("AccessKeyId", true));
  FAULTBOX_TRY_VOID(users(call).delete_key(name, key_id));
  return json::object();
}

Result<json> update_access_key(Call& call, const Input& in) {
  FAULTBOX_TRY(name, user_name_or_caller(call, in));
  FAULTBOX_TRY(key_id, in.string("AccessKeyId", true));
  FAULTBOX_TRY(status, in.string("Status", true));
  if (status != "Active" && status != "Inactive") {
    return Error{"ValidationError",
                 "1 validation error detected: Value '" + status +
                     "' at 'status' failed to satisfy constraint: Member must satisfy enum value "
                     "set: [Active, Inactive]",
                 400};
  }
  FAULTBOX_TRY_VOID(users(call).set_key_active(name, key_id, status == "Active"));
  return json::object();
}

Result<json> put_user_policy(Call& call, const Input& in) {
  FAULTBOX_TRY(name, iam_name(in, "UserName", 64));
  FAULTBOX_TRY(policy_name, iam_name(in, "PolicyName", 128));
  FAULTBOX_TRY(doc, iam_policy_document(in, "PolicyDocument"));
  FAULTBOX_TRY_VOID(users(call).put_policy(name, policy_name, doc));
  return json::object();
}

Result<json> get_user_policy(Call& call, const Input& in) {
  FAULTBOX_TRY(name, iam_name(in, "UserName", 64));
  FAULTBOX_TRY(policy_name, iam_name(in, "PolicyName", 128));
  FAULTBOX_TRY(user, existing_user(call, name));
  auto policies = users(call).inline_policies(user->name);
  auto it = policies.find(policy_name);
  if (it == policies.end()) {
    return Error{"NoSuchEntity", "The user policy with name " + policy_name + " cannot be found.",
                 404};
  }
  // IAM sends documents URL-encoded; clients decode them.
  return json{{"UserName", name},
              {"PolicyName", policy_name},
              {"PolicyDocument", net::url_encode(it->second)}};
}

Result<json> delete_user_policy(Call& call, const Input& in) {
  FAULTBOX_TRY(name, iam_name(in, "UserName", 64));
  FAULTBOX_TRY(policy_name, iam_name(in, "PolicyName", 128));
  FAULTBOX_TRY_VOID(users(call).delete_policy(name, policy_name));
  return json::object();
}

Result<json> list_user_policies(Call& call, const Input& in) {
  FAULTBOX_TRY(name, iam_name(in, "UserName", 64));
  FAULTBOX_TRY(user, existing_user(call, name));
  json names = json::array();
  for (const auto& [policy_name, document] : users(call).inline_policies(user->name)) {
    names.push_back(policy_name);
  }
  return iam_list("PolicyNames", std::move(names), "");
}

Result<json> attach_user_policy(Call& call, const Input& in) {
  FAULTBOX_TRY(name, iam_name(in, "UserName", 64));
  FAULTBOX_TRY(arn, in.string("PolicyArn", true));
  FAULTBOX_TRY_VOID(directory(call).attach_user_policy(name, arn));
  return json::object();
}

Result<json> detach_user_policy(Call& call, const Input& in) {
  FAULTBOX_TRY(name, iam_name(in, "UserName", 64));
  FAULTBOX_TRY(arn, in.string("PolicyArn", true));
  FAULTBOX_TRY_VOID(users(call).detach(name, arn));
  return json::object();
}

Result<json> list_attached_user_policies(Call& call, const Input& in) {
  FAULTBOX_TRY(name, iam_name(in, "UserName", 64));
  FAULTBOX_TRY(user, existing_user(call, name));
  json list = json::array();
  for (const auto& arn : users(call).attached(user->name)) {
    list.push_back({{"PolicyName", arn.substr(arn.rfind('/') + 1)}, {"PolicyArn", arn}});
  }
  return iam_list("AttachedPolicies", std::move(list), "");
}

}  // namespace

Operations iam_user_operations() {
  return {{"CreateUser", create_user},
          {"GetUser", get_user},
          {"ListUsers", list_users},
          {"DeleteUser", delete_user},
          {"CreateAccessKey", create_access_key},
          {"ListAccessKeys", list_access_keys},
          {"DeleteAccessKey", delete_access_key},
          {"UpdateAccessKey", update_access_key},
          {"PutUserPolicy", put_user_policy},
          {"GetUserPolicy", get_user_policy},
          {"DeleteUserPolicy", delete_user_policy},
          {"ListUserPolicies", list_user_policies},
          {"AttachUserPolicy", attach_user_policy},
          {"DetachUserPolicy", detach_user_policy},
          {"ListAttachedUserPolicies", list_attached_user_policies}};
}

}  // namespace faultbox::api
