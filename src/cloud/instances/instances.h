// The account's EC2 instances as a kind: the compute engine that runs them, saved as one record
// per instance plus the state history in chunks.
#pragma once

#include "cloud/kind.h"
#include "compute/instance_manager.h"

namespace faultbox::cloud {

class Cloud;

class Instances final : public Kind {
 public:
  explicit Instances(Cloud& cloud);

  compute::InstanceManager& manager() { return manager_; }
  const compute::InstanceManager& manager() const { return manager_; }

  void save(Records& out) const override;
  Result<void> restore(const Records& saved) override;
  void tick(TimePoint now) override { manager_.tick(now); }

 private:
  compute::InstanceManager manager_;
};

}  // namespace faultbox::cloud
