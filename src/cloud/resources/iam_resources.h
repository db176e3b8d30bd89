// What the stacks' IAM resource types share: the account's one IAM directory.
#pragma once

#include "cloud/cloud.h"
#include "cloud/iam/iam_directory.h"

namespace faultbox::cloud::resources {

inline iam::Directory& iam_directory(Cloud& cloud) {
  return cloud.kind<IamDirectory>().directory();
}

}  // namespace faultbox::cloud::resources
