#include "cloud/sts/sessions.h"

#include <fmt/format.h>

#include "cloud/cloud.h"
#include "cloud/iam/iam_directory.h"
#include "core/arn.h"
#include "core/json_text.h"
#include "core/secret_text.h"
#include "iam/policy_evaluator.h"

namespace faultbox::cloud {

namespace {

constexpr int kMinDuration = 900;
constexpr int kDefaultDuration = 3600;

// STS's RoleSessionName: 2 to 64 of [\w+=,.@-].
bool valid_session_name(const std::string& name) {
  if (name.size() < 2 || name.size() > 64) {
    return false;
  }
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) &&
        std::string_view("_+=,.@-").find(c) == std::string_view::npos) {
      return false;
    }
  }
  return true;
}

std::string role_name_of(const std::string& role_arn) {
  return role_arn.substr(role_arn.rfind('/') + 1);
}

}  // namespace

std::string assumed_role_arn(const std::string& role_arn, const std::string& session_name) {
  // arn:aws:iam::<account>:role/<path><name> → arn:aws:sts::<account>:assumed-role/<name>/<s>
  const auto parsed = parse_arn(role_arn);
  const std::string account = parsed ? parsed->account : "";
  return fmt::format("arn:aws:sts::{}:assumed-role/{}/{}", account, role_name_of(role_arn),
                     session_name);
}

Result<const RoleSession*> Sessions::assume_role(const std::string& role_arn,
                                                 const std::string& session_name,
                                                 int duration_seconds, bool web_identity) {
  if (!valid_session_name(session_name)) {
    return Error{"ValidationError",
                 "1 validation error detected: Value '" + session_name +
                     "' at 'roleSessionName' failed to satisfy constraint: Member must have "
                     "length between 2 and 64 and match [\\w+=,.@-]*",
                 400};
  }
  const auto& directory = static_cast<const Cloud&>(cloud_).kind<IamDirectory>().directory();
  const auto* role = directory.role_by_arn(role_arn);
  const std::string account = cloud_.options().account_id;
  const std::string action = web_identity ? "sts:AssumeRoleWithWebIdentity" : "sts:AssumeRole";
  bool trusted = false;
  if (role) {
    auto trust = parse_json(role->trust_policy, "the role's trust policy");
    trusted = trust &&
              (web_identity ? iam::trusts_principal(*trust, "Federated", {}, action)
                            : iam::trusts_principal(*trust, "AWS",
                                                    {account, arn::account_root(account)}, action));
  }
  if (!trusted) {
    return Error{"AccessDenied",
                 fmt::format("User: {} is not authorized to perform: {} on resource: {}",
                             web_identity ? "a web identity" : arn::account_root(account), action,
                             role_arn),
                 403};
  }
  if (duration_seconds == 0) {
    duration_seconds = kDefaultDuration;
  }
  if (duration_seconds < kMinDuration || duration_seconds > role->max_session_duration) {
    return Error{"ValidationError",
                 fmt::format("The requested DurationSeconds exceeds the MaxSessionDuration set "
                             "for this role, or is below {} seconds.",
                             kMinDuration),
                 400};
  }
  return make_session(*role, session_name, duration_seconds);
}

const RoleSession* Sessions::make_session(const iam::Role& role, const std::string& session_name,
                                          int duration_seconds) {
  RoleSession s;
  s.access_key = "ASIA" + secret_text(16, kKeyIdAlphabet);
  s.secret_key = secret_text(40, kSecretKeyAlphabet);
  s.session_token = "FwoGZXIvYXdzE" + secret_text(120, kSecretKeyAlphabet);
  s.role_arn = role.arn;
  s.role_id = role.id;
  s.session_name = session_name;
  s.expiration = cloud_.clock().now() + std::chrono::seconds(duration_seconds);
  auto key = s.access_key;
  return &sessions_.insert_or_assign(key, std::move(s)).first->second;
}

Result<const RoleSession*> Sessions::service_session(const std::string& role_arn,
                                                     std::string_view service,
                                                     const std::string& session_name) {
  const auto& directory = static_cast<const Cloud&>(cloud_).kind<IamDirectory>().directory();
  const auto* role = directory.role_by_arn(role_arn);
  if (!role || !directory.trusts(role_arn, service)) {
    return Error{"AccessDenied",
                 fmt::format("{} cannot assume the role {}: it does not exist or does not trust "
                             "the service",
                             service, role_arn),
                 403};
  }
  // One session serves the invocations of the next 10 minutes, so invocations do not pile up
  // sessions (each is kept a day after it expires).
  for (const auto& [key, session] : sessions_) {
    if (session.role_arn == role_arn && session.session_name == session_name &&
        session.expiration - cloud_.clock().now() >= std::chrono::minutes(10)) {
      return &session;
    }
  }
  return make_session(*role, session_name, kMinDuration);
}

Caller Sessions::caller(std::string_view access_key) const {
  if (auto it = sessions_.find(access_key); it != sessions_.end()) {
    const auto& s = it->second;
    return {assumed_role_arn(s.role_arn, s.session_name), s.role_id + ":" + s.session_name,
            s.role_arn, ""};
  }
  const auto& users = cloud_.kind<IamDirectory>().directory().users();
  if (const auto* key = users.key(access_key)) {
    if (const auto* user = users.find(key->user)) {
      return {user->arn, user->id, "", user->name};
    }
  }
  const auto& account = cloud_.options().account_id;
  return {arn::account_root(account), account, "", ""};
}

const RoleSession* Sessions::session(std::string_view access_key) const {
  auto it = sessions_.find(access_key);
  return it == sessions_.end() ? nullptr : &it->second;
}

const RootKey& Sessions::ensure_root_key() {
  if (!root_key_) {
    root_key_ =
        RootKey{"AKIA" + secret_text(16, kKeyIdAlphabet), secret_text(40, kSecretKeyAlphabet)};
  }
  return *root_key_;
}

void Sessions::save(Records& out) const {
  if (root_key_) {
    out["sts_root_key"].emplace_back(root_key_->id, nlohmann::json{{"secret", root_key_->secret}});
  }
  auto& records = out["sts_session"];
  for (const auto& [key, s] : sessions_) {
    records.emplace_back(key,
                         nlohmann::json{{"secret", s.secret_key},
                                        {"token", s.session_token},
                                        {"role_arn", s.role_arn},
                                        {"role_id", s.role_id},
                                        {"session", s.session_name},
                                        {"expires_ms", s.expiration.time_since_epoch().count()}});
  }
}

Result<void> Sessions::restore(const Records& saved) {
  for (const auto& [key, j] : records_of(saved, "sts_root_key")) {
    root_key_ = RootKey{key, j.at("secret")};
  }
  for (const auto& [key, j] : records_of(saved, "sts_session")) {
    sessions_[key] = RoleSession{key,
                                 j.at("secret"),
                                 j.at("token"),
                                 j.at("role_arn"),
                                 j.at("role_id"),
                                 j.at("session"),
                                 TimePoint(Duration(j.at("expires_ms").get<long>()))};
  }
  return {};
}

void Sessions::tick(TimePoint now) {
  std::erase_if(sessions_, [now](const auto& entry) {
    return now - entry.second.expiration > std::chrono::hours(24);
  });
}

std::unique_ptr<Kind> make_sessions(Cloud& cloud) { return std::make_unique<Sessions>(cloud); }

}  // namespace faultbox::cloud
