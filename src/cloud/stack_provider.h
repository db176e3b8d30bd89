// The stack module's Provider over the Cloud: dispatches each resource type to its handler.
#pragma once

#include "cloud/cloud.h"
#include "stack/provider.h"

namespace faultbox::cloud {

class CloudProvider final : public stack::Provider {
 public:
  explicit CloudProvider(Cloud& cloud) : cloud_(cloud) {}

  std::vector<std::string> resource_types() const override;
  Result<std::vector<std::string>> validate(const stack::ResourceChange& change) const override;
  std::vector<std::string> computed_attributes(const std::string& type) const override;
  Result<expr::Value> conform(const std::string& type, const expr::Value& config) const override;
  Result<expr::Value> create(const stack::ResourceChange& change) override;
  Result<expr::Value> update(const stack::ResourceChange& change) override;
  Result<void> destroy(const stack::ResourceChange& change) override;

 private:
  Cloud& cloud_;
};

}  // namespace faultbox::cloud
