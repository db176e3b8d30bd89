// What the stacks' IAM resource types share: the account's one IAM directory.
#pragma once

#include <functional>
#include <string>

#include "cloud/cloud.h"
#include "cloud/iam/iam_directory.h"
#include "cloud/resource_handler.h"

namespace faultbox::cloud::resources {

inline iam::Directory& iam_directory(Cloud& cloud) {
  return cloud.kind<IamDirectory>().directory();
}

// IAM's names are the account's: `held` looks one up in the directory, `exists` is IAM's
// EntityAlreadyExists for it.
inline UniqueName iam_unique_name(
    std::function<bool(const iam::Directory&, const std::string&)> held,
    Error (*exists)(const std::string&)) {
  return UniqueName{
      .attribute = "name",
      .account_wide = true,
      .held =
          [held = std::move(held)](Cloud& cloud, const std::string&, const std::string& name) {
            return held(iam_directory(cloud), name);
          },
      .already_exists = exists};
}

}  // namespace faultbox::cloud::resources
