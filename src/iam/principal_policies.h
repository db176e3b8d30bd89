// The policies that belong to principals (roles, users) by name: managed policies attached by
// ARN, and inline policies by name. The directory keeps one of each for roles, the users theirs;
// the saved form names the principal by `principal_key` ("role", "user").
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

namespace faultbox::iam {

class AttachedPolicies {
 public:
  void attach(const std::string& principal, const std::string& policy_arn);
  // False when it was not attached.
  bool detach(const std::string& principal, const std::string& policy_arn);
  void detach_everywhere(const std::string& policy_arn);
  void forget(const std::string& principal);
  std::vector<std::string> of(const std::string& principal) const;
  int count(const std::string& policy_arn) const;

  nlohmann::json to_json(const char* principal_key) const;
  void restore(const nlohmann::json& saved, const char* principal_key);

 private:
  std::set<std::pair<std::string, std::string>> attached_;  // (principal, policy ARN)
};

class InlinePolicies {
 public:
  void put(const std::string& principal, const std::string& name, std::string document);
  // False when there was none of that name.
  bool remove(const std::string& principal, const std::string& name);
  void forget(const std::string& principal);
  std::map<std::string, std::string> of(const std::string& principal) const;

  nlohmann::json to_json(const char* principal_key) const;
  void restore(const nlohmann::json& saved, const char* principal_key);

 private:
  std::map<std::string, std::map<std::string, std::string>> documents_;  // principal → name → doc
};

}  // namespace faultbox::iam
