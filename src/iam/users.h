// IAM users and their access keys: who may sign calls to the lab when it checks signatures
// (`serve --auth`), and what their own policies (inline and attached) let them do. Part of the
// account's IAM directory (iam/directory.h), which saves it with the rest.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "iam/principal_policies.h"

namespace faultbox::iam {

struct User {
  std::string name;
  std::string path = "/";
  std::string arn;  // set by the directory
  std::string id;   // "AIDA..." set when the user is made
  TimePoint created{};
};

struct AccessKey {
  std::string id;      // "AKIA" + 16 characters
  std::string secret;  // 40 characters, shown once, when the key is made (as IAM does)
  std::string user;    // the user's name
  bool active = true;  // Inactive keys sign nothing
  TimePoint created{};
};

// IAM allows two access keys per user.
inline constexpr std::size_t kMaxAccessKeysPerUser = 2;

class Users {
 public:
  explicit Users(std::string account_id) : account_(std::move(account_id)) {}

  // EntityAlreadyExists for a name in use.
  Result<const User*> create(User user, TimePoint now);
  // As IAM: DeleteConflict while the user still has access keys or policies; NoSuchEntity.
  Result<void> remove(std::string name);
  const User* find(const std::string& name) const;
  const User* by_arn(const std::string& arn) const;
  const std::map<std::string, User>& all() const { return users_; }

  // A new key (LimitExceeded beyond two); NoSuchEntity for an unknown user.
  Result<const AccessKey*> create_key(const std::string& user, TimePoint now);
  Result<void> delete_key(const std::string& user, const std::string& key_id);
  Result<void> set_key_active(const std::string& user, const std::string& key_id, bool active);
  std::vector<const AccessKey*> keys_of(const std::string& user) const;
  // The key with that id, active or not; null when none.
  const AccessKey* key(std::string_view key_id) const;

  // Inline policies by name.
  Result<void> put_policy(const std::string& user, const std::string& name, std::string document);
  Result<void> delete_policy(const std::string& user, const std::string& name);
  std::map<std::string, std::string> inline_policies(const std::string& user) const;

  // Managed policies attached by ARN (whether the policy exists is the directory's to check).
  Result<void> attach(const std::string& user, const std::string& policy_arn);
  Result<void> detach(const std::string& user, const std::string& policy_arn);
  void detach_everywhere(const std::string& policy_arn);
  std::vector<std::string> attached(const std::string& user) const;
  int attachment_count(const std::string& policy_arn) const;

  nlohmann::json to_json() const;
  // Throws nlohmann::json's exceptions on a malformed saved form (the directory reports them).
  void restore(const nlohmann::json& saved);

 private:
  Result<void> known(const std::string& user) const;

  std::string account_;
  std::map<std::string, User> users_;                   // by name
  std::map<std::string, AccessKey, std::less<>> keys_;  // by key id
  InlinePolicies inline_;
  AttachedPolicies attached_;
};

}  // namespace faultbox::iam
