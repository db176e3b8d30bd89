// ActionContext helpers shared by every action.
#include "fis/action.h"

namespace faultbox::fis {

Result<void> ActionContext::authorize(std::string_view api_action,
                                      const ResolvedResource& r) const {
  if (roles.allowed(role_arn, api_action, r.arn)) {
    return {};
  }
  // EC2's wording for a denied call made by an assumed role.
  return errors::access_denied(
      "You are not authorized to perform this operation. Role " + role_arn +
      " is not authorized to perform: " + std::string(api_action) + " on resource: " + r.arn);
}

const std::vector<ResolvedResource>& ActionContext::resources(const std::string& key) const {
  static const std::vector<ResolvedResource> kNone;
  auto it = targets.find(key);
  return it == targets.end() ? kNone : it->second;
}

const ActionParameterSpec* ActionSpec::parameter(const std::string& name) const {
  for (const auto& p : parameters) {
    if (p.name == name) {
      return &p;
    }
  }
  return nullptr;
}

}  // namespace faultbox::fis
