// Who calls the lab. The plain keys a user configures are the account's root, as the lab has no
// IAM users yet; keys that sts:AssumeRole (or AssumeRoleWithWebIdentity) handed out belong to
// the role's session, so a call made with them is the role's, as on AWS. Faults can then match
// calls by the role that makes them. Sessions are saved, so keys handed out keep working after
// a restart.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "cloud/kind.h"

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

// The identity behind a call.
struct Caller {
  std::string arn;       // arn:aws:iam::<account>:root, or arn:aws:sts::<account>:assumed-role/...
  std::string user_id;   // the account id for root, "AROA...:<session>" for a role's session
  std::string role_arn;  // the assumed role; empty for root
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
  // The caller holding `access_key`: a session's role, else the account's root (the lab takes
  // any other credentials as the root's, signed or not).
  Caller caller(std::string_view access_key) const;

  void save(Records& out) const override;
  Result<void> restore(const Records& saved) override;
  void tick(TimePoint now) override;  // forgets sessions a day after they expired

 private:
  Cloud& cloud_;
  std::map<std::string, RoleSession, std::less<>> sessions_;  // by access key
};

// The assumed-role ARN of a session: arn:aws:sts::<account>:assumed-role/<role name>/<session>.
std::string assumed_role_arn(const std::string& role_arn, const std::string& session_name);

}  // namespace faultbox::cloud
