// The account's EC2 instances as a kind: the compute engine that runs them, saved as one record
// per instance plus the state history in chunks.
#pragma once

#include <cstdint>
#include <optional>

#include "cloud/kind.h"
#include "cloud/record_cache.h"
#include "compute/instance_manager.h"

namespace faultbox::cloud {

class Cloud;

class Instances final : public Kind {
 public:
  explicit Instances(Cloud& cloud);

  compute::InstanceManager& manager() { return manager_; }
  const compute::InstanceManager& manager() const { return manager_; }

  void save(Records& out) const override;
  void save_changes(Records& out) override;
  void forget_saved_changes() override;
  Result<void> restore(const Records& saved) override;
  void tick(TimePoint now) override { manager_.tick(now); }

 private:
  void save_history(Records& out) const;

  compute::InstanceManager manager_;
  RecordCache<compute::Instance> saved_instances_;
  std::optional<std::uint64_t> saved_history_;  // its changes() at the last save_changes()
};

}  // namespace faultbox::cloud
