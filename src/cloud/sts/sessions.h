// Who calls the lab. An IAM user's access key is that user's; other plain keys are the account's
// root (checked against the root's key only under `serve --auth`); keys that sts:AssumeRole (or
// AssumeRoleWithWebIdentity) handed out belong to the role's session, so a call made with them is
// the role's, as on AWS. Faults can then match calls by the role that makes them. Sessions are
// saved, so keys handed out keep working after a restart.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "cloud/kind.h"
#include "iam/directory.h"

namespace faultbox::cloud {

class Cloud;

struct RoleSession {
  std::string access_key;  // "ASIA" + 16
  std::string secret_key;
  std::string session_token;
  std::string role_arn;
  std::string role_id;  // the role's "AROA..." id
  std::string session_name;
  TimePoint expiration{};
};

// The account root's access key, which the lab issues when it checks signatures.
struct RootKey {
  std::string id;  // "AKIA" + 16
  std::string secret;
};

// The identity behind a call.
struct Caller {
  std::string arn;        // arn:aws:iam::<account>:root, or arn:aws:sts::<account>:assumed-role/...
  std::string user_id;    // the account id for root, "AIDA..." for a user, "AROA...:<session>"
  std::string role_arn;   // the assumed role; empty for root and users
  std::string user_name;  // the IAM user; empty for root and roles
};

class Sessions final : public Kind {
 public:
  explicit Sessions(Cloud& cloud) : cloud_(cloud) {}

  // A session of the role for `duration_seconds` (900 to the role's maximum, 3600 by default).
  // Errors: ValidationError for a bad session name or duration, AccessDenied for a role that
  // does not exist, or whose trust policy lets no one in (web identity: nothing federated).
  Result<const RoleSession*> assume_role(const std::string& role_arn,
                                         const std::string& session_name, int duration_seconds,
                                         bool web_identity);
  // A session a service (e.g. "lambda.amazonaws.com") takes of a role that trusts it, for 15
  // minutes (one still good for 10 is handed out again): the keys a Lambda invocation gets.
  // AccessDenied when the role does not trust it.
  Result<const RoleSession*> service_session(const std::string& role_arn, std::string_view service,
                                             const std::string& session_name);
  // The caller holding `access_key`: a session's role, an IAM user, else the account's root
  // (without `serve --auth` the lab takes any other credentials as the root's, signed or not).
  Caller caller(std::string_view access_key) const;
  // The session holding `access_key`, or null.
  const RoleSession* session(std::string_view access_key) const;

  // The root's key, made the first time it is asked for and kept with the lab's state.
  const RootKey& ensure_root_key();
  const std::optional<RootKey>& root_key() const { return root_key_; }

  void save(Records& out) const override;
  Result<void> restore(const Records& saved) override;
  void tick(TimePoint now) override;  // forgets sessions a day after they expired

 private:
  const RoleSession* make_session(const iam::Role& role, const std::string& session_name,
                                  int duration_seconds);

  Cloud& cloud_;
  std::map<std::string, RoleSession, std::less<>> sessions_;  // by access key
  std::optional<RootKey> root_key_;
};

// The assumed-role ARN of a session: arn:aws:sts::<account>:assumed-role/<role name>/<session>.
std::string assumed_role_arn(const std::string& role_arn, const std::string& session_name);

}  // namespace faultbox::cloud
