// The IAM directory: names and ARNs as IAM gives them, IAM's error codes, and the saved form.
#include "iam/directory.h"

#include <random>

#include "core/arn.h"
#include "core/json_text.h"
#include "iam/policy_evaluator.h"

namespace faultbox::iam {

using nlohmann::json;

namespace {
Error no_such_entity(std::string message) { return {"NoSuchEntity", std::move(message), 404}; }

// IAM's unique ids: a kind prefix ("AROA" roles, "ANPA" policies, "AIPA" instance profiles)
// and 17 characters of IAM's alphabet.
std::string unique_id(std::string_view prefix) {
  static constexpr std::string_view kChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  static thread_local std::mt19937_64 engine{std::random_device{}()};
  std::string out(prefix);
  for (int i = 0; i < 17; ++i) {
    out += kChars[engine() % kChars.size()];
  }
  return out;
}

std::string normal_path(const std::string& path) { return path.empty() ? "/" : path; }

json parsed(const std::string& text) {
  auto doc = parse_json(text, "policy document");
  return doc ? *doc : json();
}

long long millis(TimePoint t) { return t.time_since_epoch().count(); }
TimePoint from_millis(const json& j) { return TimePoint(Duration(j.get<long long>())); }
}  // namespace

Error role_exists(const std::string& name) {
  return {"EntityAlreadyExists", "Role with name " + name + " already exists.", 409};
}
Error policy_exists(const std::string& name) {
  return {"EntityAlreadyExists",
          "A policy called " + name + " already exists. Duplicate names are not allowed.", 409};
}
Error instance_profile_exists(const std::string& name) {
  return {"EntityAlreadyExists", "Instance Profile " + name + " already exists.", 409};
}

Result<const Role*> Directory::create_role(Role role, TimePoint now) {
  if (roles_.count(role.name) > 0) {
    return role_exists(role.name);
  }
  return put_role(std::move(role), now);
}

const Role* Directory::put_role(Role role, TimePoint now) {
  role.path = normal_path(role.path);
  role.arn = arn::iam_role(account_, role.path, role.name);
  if (auto it = roles_.find(role.name); it != roles_.end()) {
    role.id = it->second.id;
    role.created = it->second.created;
  } else {
    role.id = unique_id("AROA");
    role.created = now;
  }
  auto& stored = roles_[role.name];
  stored = std::move(role);
  return &stored;
}

Result<void> Directory::delete_role(std::string name) {
  if (roles_.erase(name) == 0) {
    return no_such_entity("The role with name " + name + " cannot be found.");
  }
  inline_.forget(name);
  attached_.forget(name);
  return {};
}

const Role* Directory::find_role(const std::string& name) const {
  auto it = roles_.find(name);
  return it == roles_.end() ? nullptr : &it->second;
}

const Role* Directory::role_by_arn(const std::string& text) const {
  auto parsed_arn = parse_arn(text);
  const auto* role = parsed_arn ? find_role(arn::resource_name(*parsed_arn)) : nullptr;
  return role && role->arn == text ? role : nullptr;
}

Result<const Policy*> Directory::create_policy(Policy policy, TimePoint now) {
  for (const auto& [arn, p] : policies_) {
    if (p.name == policy.name) {
      return policy_exists(policy.name);
    }
  }
  return put_policy(std::move(policy), now);
}

const Policy* Directory::put_policy(Policy policy, TimePoint now) {
  policy.path = normal_path(policy.path);
  policy.arn = arn::iam_policy(account_, policy.path, policy.name);
  if (auto it = policies_.find(policy.arn); it != policies_.end()) {
    policy.id = it->second.id;
    policy.created = it->second.created;
  } else {
    policy.id = unique_id("ANPA");
    policy.created = now;
  }
  auto& stored = policies_[policy.arn];
  stored = std::move(policy);
  return &stored;
}

Result<void> Directory::delete_policy(std::string arn) {
  if (policies_.erase(arn) == 0) {
    return no_such_entity("Policy " + arn + " was not found.");
  }
  attached_.detach_everywhere(arn);
  users_.detach_everywhere(arn);
  return {};
}

const Policy* Directory::find_policy(const std::string& arn) const {
  auto it = policies_.find(arn);
  return it == policies_.end() ? nullptr : &it->second;
}

Result<void> Directory::attach_role_policy(const std::string& role, const std::string& policy_arn) {
  if (!find_role(role)) {
    return no_such_entity("The role with name " + role + " cannot be found.");
  }
  auto parsed_arn = parse_arn(policy_arn);
  bool aws_managed = parsed_arn && parsed_arn->service == "iam" && parsed_arn->account == "aws";
  if (!aws_managed && !find_policy(policy_arn)) {
    return no_such_entity("Policy " + policy_arn + " does not exist or is not attachable.");
  }
  attached_.attach(role, policy_arn);
  return {};
}

void Directory::detach_role_policy(const std::string& role, const std::string& policy_arn) {
  attached_.detach(role, policy_arn);
}

std::vector<std::string> Directory::attached_policies(const std::string& role) const {
  return attached_.of(role);
}

int Directory::attachment_count(const std::string& policy_arn) const {
  return attached_.count(policy_arn) + users_.attachment_count(policy_arn);
}

Result<void> Directory::put_role_policy(const std::string& role, const std::string& name,
                                        std::string document) {
  if (!find_role(role)) {
    return no_such_entity("The role with name " + role + " cannot be found.");
  }
  inline_.put(role, name, std::move(document));
  return {};
}

void Directory::delete_role_policy(const std::string& role, const std::string& name) {
  inline_.remove(role, name);
}

std::map<std::string, std::string> Directory::inline_policies(const std::string& role) const {
  return inline_.of(role);
}

const InstanceProfile* Directory::put_instance_profile(InstanceProfile profile) {
  profile.path = normal_path(profile.path);
  profile.arn = arn::iam_instance_profile(account_, profile.path, profile.name);
  auto it = profiles_.find(profile.name);
  profile.id = it != profiles_.end() ? it->second.id : unique_id("AIPA");
  auto& stored = profiles_[profile.name];
  stored = std::move(profile);
  return &stored;
}

void Directory::delete_instance_profile(const std::string& name) { profiles_.erase(name); }

const InstanceProfile* Directory::find_instance_profile(const std::string& name) const {
  auto it = profiles_.find(name);
  return it == profiles_.end() ? nullptr : &it->second;
}

std::vector<json> Directory::documents(
    const std::vector<std::string>& attached,
    const std::map<std::string, std::string>& inline_docs) const {
  std::vector<json> out;
  for (const auto& arn : attached) {
    if (const auto* managed = managed_policy(arn)) {
      out.push_back(*managed);
    } else if (const auto* p = find_policy(arn)) {
      out.push_back(parsed(p->document));
    }
  }
  for (const auto& [name, document] : inline_docs) {
    out.push_back(parsed(document));
  }
  return out;
}

std::vector<json> Directory::policy_documents(const std::string& role) const {
  return documents(attached_policies(role), inline_policies(role));
}

std::vector<json> Directory::user_policy_documents(const std::string& user) const {
  return documents(users_.attached(user), users_.inline_policies(user));
}

Result<void> Directory::attach_user_policy(const std::string& user, const std::string& policy_arn) {
  if (users_.find(user) && !find_policy(policy_arn) && !managed_policy(policy_arn)) {
    return no_such_entity("Policy " + policy_arn + " does not exist or is not attachable.");
  }
  return users_.attach(user, policy_arn);
}

bool Directory::trusts(const std::string& role_arn, std::string_view service) const {
  const auto* role = role_by_arn(role_arn);
  return role && trusts_service(parsed(role->trust_policy), service);
}

bool Directory::allows(const std::string& role_arn, std::string_view action,
                       std::string_view resource) const {
  const auto* role = role_by_arn(role_arn);
  return role && is_allowed(policy_documents(role->name), action, resource);
}

json Directory::to_json() const {
  json roles = json::array();
  for (const auto& [name, r] : roles_) {
    roles.push_back({{"name", r.name},
                     {"path", r.path},
                     {"id", r.id},
                     {"trust_policy", r.trust_policy},
                     {"description", r.description},
                     {"max_session_duration", r.max_session_duration},
                     {"created_ms", millis(r.created)}});
  }
  json policies = json::array();
  for (const auto& [arn, p] : policies_) {
    policies.push_back({{"name", p.name},
                        {"path", p.path},
                        {"id", p.id},
                        {"document", p.document},
                        {"description", p.description},
                        {"created_ms", millis(p.created)}});
  }
  json profiles = json::array();
  for (const auto& [name, p] : profiles_) {
    profiles.push_back({{"name", p.name}, {"path", p.path}, {"id", p.id}, {"roles", p.roles}});
  }
  return {{"roles", roles},
          {"policies", policies},
          {"attached", attached_.to_json("role")},
          {"inline", inline_.to_json("role")},
          {"instance_profiles", profiles},
          {"users", users_.to_json()}};
}

Result<void> Directory::restore(const json& saved) {
  auto str = [](const json& j, const char* key) { return j.at(key).get<std::string>(); };
  try {
    for (const auto& r : saved.at("roles")) {
      Role role{.name = str(r, "name"),
                .path = str(r, "path"),
                .id = str(r, "id"),
                .trust_policy = str(r, "trust_policy"),
                .description = str(r, "description"),
                .max_session_duration = r.at("max_session_duration").get<int>(),
                .created = from_millis(r.at("created_ms"))};
      role.arn = arn::iam_role(account_, role.path, role.name);
      roles_[role.name] = std::move(role);
    }
    for (const auto& p : saved.at("policies")) {
      Policy policy{.name = str(p, "name"),
                    .path = str(p, "path"),
                    .id = str(p, "id"),
                    .document = str(p, "document"),
                    .description = str(p, "description"),
                    .created = from_millis(p.at("created_ms"))};
      policy.arn = arn::iam_policy(account_, policy.path, policy.name);
      policies_[policy.arn] = std::move(policy);
    }
    attached_.restore(saved.at("attached"), "role");
    inline_.restore(saved.at("inline"), "role");
    for (const auto& p : saved.at("instance_profiles")) {
      InstanceProfile profile{.name = str(p, "name"),
                              .path = str(p, "path"),
                              .id = str(p, "id"),
                              .roles = p.at("roles").get<std::vector<std::string>>()};
      profile.arn = arn::iam_instance_profile(account_, profile.path, profile.name);
      profiles_[profile.name] = std::move(profile);
    }
    if (saved.contains("users")) {  // states saved before the lab had users have none
      users_.restore(saved.at("users"));
    }
  } catch (const json::exception& e) {
    return errors::internal(std::string("the saved IAM directory is not readable: ") + e.what());
  }
  return {};
}

}  // namespace faultbox::iam
