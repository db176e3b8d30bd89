// The target resource types FIS knows (its "Resource types" list), with the target parameters
// each accepts. The lab resolves the types target_resolver.cpp lists (instances, spot instances,
// auto-scaling groups, subnets, Lambda functions, IAM roles); the others are known so that a typo
// ("aws:ec2:instances") and a type the action does not take get different messages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace faultbox::fis {

struct ResourceTypeInfo {
  std::string_view type;
  // Target "parameters" this type accepts; `any_parameters` when the lab does not know them.
  std::vector<std::string_view> parameters;
  bool any_parameters = false;
};

// nullptr for a type FIS does not have.
const ResourceTypeInfo* find_resource_type(std::string_view type);

}  // namespace faultbox::fis
