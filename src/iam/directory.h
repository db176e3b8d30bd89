// The account's IAM, typed: roles with their trust policies, customer managed policies, the
// attachments of managed policies to roles, roles' inline policies, and instance profiles. The
// IAM API, the stacks' IAM resources, FIS's permission checks and the console all read and write
// this one directory. IAM is global: one directory per account, whatever the region.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "iam/principal_policies.h"
#include "iam/users.h"

namespace faultbox::iam {

struct Role {
  std::string name;
  std::string path = "/";
  std::string arn;           // set by the directory
  std::string id;            // "AROA..." set by the directory when the role is made
  std::string trust_policy;  // the assume-role policy document, JSON text as given
  std::string description;
  int max_session_duration = 3600;  // seconds
  TimePoint created{};              // set by the directory when the role is made
};

struct Policy {
  std::string name;
  std::string path = "/";
  std::string arn;       // set by the directory
  std::string id;        // "ANPA..." set by the directory when the policy is made
  std::string document;  // JSON text as given
  std::string description;
  TimePoint created{};
};

struct InstanceProfile {
  std::string name;
  std::string path = "/";
  std::string arn;  // set by the directory
  std::string id;   // "AIPA..."
  std::vector<std::string> roles;
};

// IAM's EntityAlreadyExists for a name in use.
Error role_exists(const std::string& name);
Error policy_exists(const std::string& name);
Error instance_profile_exists(const std::string& name);

class Directory {
 public:
  explicit Directory(std::string account_id) : account_(std::move(account_id)), users_(account_) {}

  // Roles by name. create_role refuses a name in use (EntityAlreadyExists); put_role creates or
  // replaces, keeping the role's id and creation time. Deleting a role drops its inline
  // policies and attachments too.
  Result<const Role*> create_role(Role role, TimePoint now);
  const Role* put_role(Role role, TimePoint now);
  // By value: the name may be the role's own, which the deletion frees.
  Result<void> delete_role(std::string name);
  const Role* find_role(const std::string& name) const;
  // The role an ARN names, or null (also when the ARN is not exactly this directory's).
  const Role* role_by_arn(const std::string& arn) const;
  const std::map<std::string, Role>& roles() const { return roles_; }

  // Customer managed policies by ARN; names are unique (EntityAlreadyExists).
  Result<const Policy*> create_policy(Policy policy, TimePoint now);
  const Policy* put_policy(Policy policy, TimePoint now);
  Result<void> delete_policy(std::string arn);  // by value, as delete_role
  const Policy* find_policy(const std::string& arn) const;
  const std::map<std::string, Policy>& policies() const { return policies_; }

  // Managed policies (the account's, or AWS's: "arn:aws:iam::aws:policy/...") attached to
  // roles. NoSuchEntity for an unknown role or customer policy.
  Result<void> attach_role_policy(const std::string& role, const std::string& policy_arn);
  void detach_role_policy(const std::string& role, const std::string& policy_arn);
  std::vector<std::string> attached_policies(const std::string& role) const;
  int attachment_count(const std::string& policy_arn) const;

  // A role's inline policies by name (PutRolePolicy). NoSuchEntity for an unknown role.
  Result<void> put_role_policy(const std::string& role, const std::string& name,
                               std::string document);
  void delete_role_policy(const std::string& role, const std::string& name);
  std::map<std::string, std::string> inline_policies(const std::string& role) const;

  // IAM users, their access keys and their own policies.
  Users& users() { return users_; }
  const Users& users() const { return users_; }
  // NoSuchEntity for an unknown user, or a policy neither the account's nor one the lab knows.
  Result<void> attach_user_policy(const std::string& user, const std::string& policy_arn);
  // What applies to a user, parsed, as policy_documents does for a role.
  std::vector<nlohmann::json> user_policy_documents(const std::string& user) const;

  const InstanceProfile* put_instance_profile(InstanceProfile profile);
  void delete_instance_profile(const std::string& name);
  const InstanceProfile* find_instance_profile(const std::string& name) const;

  // What applies to a role, parsed: its attached managed policies (the AWS ones the lab knows,
  // see policy_evaluator.h) and its inline policies. Unreadable documents are left out.
  std::vector<nlohmann::json> policy_documents(const std::string& role) const;
  // Whether the role (by ARN) exists and its trust policy lets `service` assume it.
  bool trusts(const std::string& role_arn, std::string_view service) const;
  // Whether the role (by ARN) exists and its policies allow `action` on `resource`.
  bool allows(const std::string& role_arn, std::string_view action,
              std::string_view resource) const;

  // The whole directory as JSON and back (the lab's saved state).
  nlohmann::json to_json() const;
  Result<void> restore(const nlohmann::json& saved);

 private:
  std::vector<nlohmann::json> documents(
      const std::vector<std::string>& attached,
      const std::map<std::string, std::string>& inline_docs) const;

  std::string account_;
  std::map<std::string, Role> roles_;                // by name
  std::map<std::string, Policy> policies_;           // by ARN
  AttachedPolicies attached_;                        // of roles
  InlinePolicies inline_;                            // of roles
  std::map<std::string, InstanceProfile> profiles_;  // by name
  Users users_;
};

}  // namespace faultbox::iam
