// Which stack created which resource, with the state the provider last returned for it. Saved
// with the rest of the account, in the same transaction as the resources themselves, so the lab
// knows a resource's owner even when the stack's own state file does not: another stack that
// names the same resource is told whose it is, and a stack whose apply was cut short (the lab
// killed before the state file was written) takes back what it had created instead of failing.
#pragma once

#include <map>
#include <string>

#include "cloud/kind.h"
#include "cloud/record_cache.h"

namespace faultbox::cloud {

struct StackResource {
  std::string stack;    // the stack's directory
  std::string address;  // "aws_elb.this", "module.vpc.aws_instance.web[1]"
  std::string type;
  std::string region;
  nlohmann::json state;  // the provider's last answer for it (config plus computed attributes)
};

class StackResources final : public Kind {
 public:
  void record(StackResource resource);
  void forget(const std::string& stack, const std::string& address);
  const StackResource* find(const std::string& stack, const std::string& address) const;
  // The stack holding a resource of `type` whose state's `attribute` is `value`, in `region`
  // (any region when empty: IAM's names are the account's).
  const StackResource* holder(const std::string& type, const std::string& region,
                              const std::string& attribute, const std::string& value) const;

  void save(Records& out) const override;
  void save_changes(Records& out) override;
  void forget_saved_changes() override { changes_.forget(); }
  Result<void> restore(const Records& saved) override;

 private:
  std::map<std::pair<std::string, std::string>, StackResource> resources_;  // by stack, address
  ChangeCount changes_;  // of resources_, by record() and forget()
};

}  // namespace faultbox::cloud
