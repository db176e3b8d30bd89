// IAM users: names, ids and keys as IAM gives them, IAM's error codes, and the saved form.
#include "iam/users.h"

#include "core/arn.h"
#include "core/secret_text.h"

namespace faultbox::iam {

using nlohmann::json;

namespace {
Error no_such_user(const std::string& name) {
  return {"NoSuchEntity", "The user with name " + name + " cannot be found.", 404};
}
Error no_such_key(const std::string& user, const std::string& key_id) {
  return {"NoSuchEntity",
          "The Access Key with id " + key_id + " cannot be found for user " + user + ".", 404};
}
long long millis(TimePoint t) { return t.time_since_epoch().count(); }
TimePoint from_millis(const json& j) { return TimePoint(Duration(j.get<long long>())); }
}  // namespace

Result<void> Users::known(const std::string& user) const {
  if (!find(user)) {
    return no_such_user(user);
  }
  return {};
}

Result<const User*> Users::create(User user, TimePoint now) {
  if (users_.count(user.name) > 0) {
    return Error{"EntityAlreadyExists", "User with name " + user.name + " already exists.", 409};
  }
  user.path = user.path.empty() ? "/" : user.path;
  user.arn = arn::iam(account_, "user", user.path, user.name);
  user.id = "AIDA" + secret_text(17, kKeyIdAlphabet);
  user.created = now;
  auto& stored = users_[user.name];
  stored = std::move(user);
  return &stored;
}

Result<void> Users::remove(std::string name) {
  FAULTBOX_TRY_VOID(known(name));
  auto conflict = [&](const std::string& what) {
    return Error{"DeleteConflict", "Cannot delete entity, must " + what + " first.", 409};
  };
  if (!keys_of(name).empty()) {
    return conflict("delete access keys");
  }
  if (!inline_policies(name).empty()) {
    return conflict("delete policies");
  }
  if (!attached(name).empty()) {
    return conflict("detach all policies");
  }
  users_.erase(name);
  return {};
}

const User* Users::find(const std::string& name) const {
  auto it = users_.find(name);
  return it == users_.end() ? nullptr : &it->second;
}

const User* Users::by_arn(const std::string& arn) const {
  for (const auto& [name, user] : users_) {
    if (user.arn == arn) {
      return &user;
    }
  }
  return nullptr;
}

Result<const AccessKey*> Users::create_key(const std::string& user, TimePoint now) {
  FAULTBOX_TRY_VOID(known(user));
  if (keys_of(user).size() >= kMaxAccessKeysPerUser) {
    return Error{"LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: 2", 409};
  }
  AccessKey key{.id = "AKIA" + secret_text(16, kKeyIdAlphabet),
                .secret = secret_text(40, kSecretKeyAlphabet),
                .user = user,
                .active = true,
                .created = now};
  auto id = key.id;
  auto& stored = keys_[id];
  stored = std::move(key);
  return &stored;
}

Result<void> Users::delete_key(const std::string& user, const std::string& key_id) {
  auto it = keys_.find(key_id);
  if (it == keys_.end() || it->second.user != user) {
    return no_such_key(user, key_id);
  }
  keys_.erase(it);
  return {};
}

Result<void> Users::set_key_active(const std::string& user, const std::string& key_id,
                                   bool active) {
  auto it = keys_.find(key_id);
  if (it == keys_.end() || it->second.user != user) {
    return no_such_key(user, key_id);
  }
  it->second.active = active;
  return {};
}

std::vector<const AccessKey*> Users::keys_of(const std::string& user) const {
  std::vector<const AccessKey*> out;
  for (const auto& [id, key] : keys_) {
    if (key.user == user) {
      out.push_back(&key);
    }
  }
  return out;
}

const AccessKey* Users::key(std::string_view key_id) const {
  auto it = keys_.find(key_id);
  return it == keys_.end() ? nullptr : &it->second;
}

Result<void> Users::put_policy(const std::string& user, const std::string& name,
                               std::string document) {
  FAULTBOX_TRY_VOID(known(user));
  inline_.put(user, name, std::move(document));
  return {};
}

Result<void> Users::delete_policy(const std::string& user, const std::string& name) {
  FAULTBOX_TRY_VOID(known(user));
  if (!inline_.remove(user, name)) {
    return Error{"NoSuchEntity", "The user policy with name " + name + " cannot be found.", 404};
  }
  return {};
}

std::map<std::string, std::string> Users::inline_policies(const std::string& user) const {
  return inline_.of(user);
}

Result<void> Users::attach(const std::string& user, const std::string& policy_arn) {
  FAULTBOX_TRY_VOID(known(user));
  attached_.attach(user, policy_arn);
  return {};
}

Result<void> Users::detach(const std::string& user, const std::string& policy_arn) {
  FAULTBOX_TRY_VOID(known(user));
  if (!attached_.detach(user, policy_arn)) {
    return Error{"NoSuchEntity", "Policy " + policy_arn + " was not found.", 404};
  }
  return {};
}

void Users::detach_everywhere(const std::string& policy_arn) {
  attached_.detach_everywhere(policy_arn);
}

std::vector<std::string> Users::attached(const std::string& user) const {
  return attached_.of(user);
}

int Users::attachment_count(const std::string& policy_arn) const {
  return attached_.count(policy_arn);
}

json Users::to_json() const {
  json users = json::array();
  for (const auto& [name, u] : users_) {
    users.push_back(
        {{"name", u.name}, {"path", u.path}, {"id", u.id}, {"created_ms", millis(u.created)}});
  }
  json keys = json::array();
  for (const auto& [id, k] : keys_) {
    keys.push_back({{"id", k.id},
                    {"secret", k.secret},
                    {"user", k.user},
                    {"active", k.active},
                    {"created_ms", millis(k.created)}});
  }
  return {{"users", users},
          {"keys", keys},
          {"inline", inline_.to_json("user")},
          {"attached", attached_.to_json("user")}};
}

void Users::restore(const json& saved) {
  auto str = [](const json& j, const char* key) { return j.at(key).get<std::string>(); };
  for (const auto& u : saved.at("users")) {
    User user{.name = str(u, "name"),
              .path = str(u, "path"),
              .id = str(u, "id"),
              .created = from_millis(u.at("created_ms"))};
    user.arn = arn::iam(account_, "user", user.path, user.name);
    users_[user.name] = std::move(user);
  }
  for (const auto& k : saved.at("keys")) {
    AccessKey key{.id = str(k, "id"),
                  .secret = str(k, "secret"),
                  .user = str(k, "user"),
                  .active = k.at("active").get<bool>(),
                  .created = from_millis(k.at("created_ms"))};
    auto id = key.id;
    keys_[id] = std::move(key);
  }
  inline_.restore(saved.at("inline"), "user");
  attached_.restore(saved.at("attached"), "user");
}

}  // namespace faultbox::iam
