#include "iam/principal_policies.h"

namespace faultbox::iam {

using nlohmann::json;

void AttachedPolicies::attach(const std::string& principal, const std::string& policy_arn) {
  attached_.insert({principal, policy_arn});
}

bool AttachedPolicies::detach(const std::string& principal, const std::string& policy_arn) {
  return attached_.erase({principal, policy_arn}) > 0;
}

void AttachedPolicies::detach_everywhere(const std::string& policy_arn) {
  std::erase_if(attached_, [&policy_arn](const auto& a) { return a.second == policy_arn; });
}

void AttachedPolicies::forget(const std::string& principal) {
  std::erase_if(attached_, [&principal](const auto& a) { return a.first == principal; });
}

std::vector<std::string> AttachedPolicies::of(const std::string& principal) const {
  std::vector<std::string> out;
  for (auto it = attached_.lower_bound({principal, ""});
       it != attached_.end() && it->first == principal; ++it) {
    out.push_back(it->second);
  }
  return out;
}

int AttachedPolicies::count(const std::string& policy_arn) const {
  int n = 0;
  for (const auto& [principal, arn] : attached_) {
    n += arn == policy_arn ? 1 : 0;
  }
  return n;
}

json AttachedPolicies::to_json(const char* principal_key) const {
  json out = json::array();
  for (const auto& [principal, arn] : attached_) {
    out.push_back({{principal_key, principal}, {"policy_arn", arn}});
  }
  return out;
}

void AttachedPolicies::restore(const json& saved, const char* principal_key) {
  for (const auto& a : saved) {
    attach(a.at(principal_key).get<std::string>(), a.at("policy_arn").get<std::string>());
  }
}

void InlinePolicies::put(const std::string& principal, const std::string& name,
                         std::string document) {
  documents_[principal][name] = std::move(document);
}

bool InlinePolicies::remove(const std::string& principal, const std::string& name) {
  auto it = documents_.find(principal);
  if (it == documents_.end() || it->second.erase(name) == 0) {
    return false;
  }
  if (it->second.empty()) {
    documents_.erase(it);
  }
  return true;
}

void InlinePolicies::forget(const std::string& principal) { documents_.erase(principal); }

std::map<std::string, std::string> InlinePolicies::of(const std::string& principal) const {
  auto it = documents_.find(principal);
  return it == documents_.end() ? std::map<std::string, std::string>{} : it->second;
}

json InlinePolicies::to_json(const char* principal_key) const {
  json out = json::array();
  for (const auto& [principal, by_name] : documents_) {
    for (const auto& [name, document] : by_name) {
      out.push_back({{principal_key, principal}, {"name", name}, {"document", document}});
    }
  }
  return out;
}

void InlinePolicies::restore(const json& saved, const char* principal_key) {
  for (const auto& i : saved) {
    put(i.at(principal_key).get<std::string>(), i.at("name").get<std::string>(),
        i.at("document").get<std::string>());
  }
}

}  // namespace faultbox::iam
