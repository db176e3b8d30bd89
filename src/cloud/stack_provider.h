// The stack module's Provider over the Cloud: dispatches each resource type to its handler, and
// records what the stack creates (cloud/stack_resources), so that a name another stack holds is
// refused naming its owner and a create the stack made before its state was saved is taken back.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "cloud/cloud.h"
#include "stack/provider.h"

namespace faultbox::cloud {

struct UniqueName;

class CloudProvider final : public stack::Provider {
 public:
  // `stack` is the stack's directory, which owns what this provider creates.
  explicit CloudProvider(Cloud& cloud, std::string stack = "")
      : cloud_(cloud), stack_(std::move(stack)) {}

  std::vector<std::string> resource_types() const override;
  Result<std::vector<std::string>> validate(const stack::ResourceChange& change) const override;
  std::vector<std::string> computed_attributes(const std::string& type) const override;
  Result<expr::Value> conform(const std::string& type, const expr::Value& config) const override;
  Result<expr::Value> create(const stack::ResourceChange& change) override;
  Result<expr::Value> update(const stack::ResourceChange& change) override;
  Result<void> destroy(const stack::ResourceChange& change) override;
  bool exists(const stack::ResourceChange& change) const override;
  bool created_unrecorded(const stack::ResourceChange& change) const override;

 private:
  // The change as an update of what this stack created at its address, when that is still in
  // the lab though the stack's state does not have it (see created_unrecorded).
  std::optional<stack::ResourceChange> unrecorded(const stack::ResourceChange& change) const;
  Result<expr::Value> recorded(const stack::ResourceChange& change, Result<expr::Value> made);
  Error name_taken(const UniqueName& unique, const stack::ResourceChange& change,
                   const std::string& name) const;

  Cloud& cloud_;
  std::string stack_;
};

}  // namespace faultbox::cloud
