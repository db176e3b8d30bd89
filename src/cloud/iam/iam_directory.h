// The account's IAM directory as a kind: one iam::Directory, saved as one "iam" record.
#pragma once

#include "cloud/kind.h"
#include "iam/directory.h"

namespace faultbox::cloud {

class Cloud;

class IamDirectory final : public Kind {
 public:
  explicit IamDirectory(Cloud& cloud);

  iam::Directory& directory() { return directory_; }
  const iam::Directory& directory() const { return directory_; }

  void save(Records& out) const override;
  Result<void> restore(const Records& saved) override;

 private:
  iam::Directory directory_;
};

}  // namespace faultbox::cloud
