// Faults on the lab's API that FIS experiments hold (fis::ApiFaultSpec): a call that one of the
// fault's roles makes, to one of its operations, in the experiment's region (and, for
// InsufficientInstanceCapacity, for one of its zones) gets the fault's AWS error instead of its
// answer, for the fault's share of such calls. Kept in memory only: a lab that restarts has
// ended the experiments that held them, so they are undone.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "cloud/kind.h"
#include "core/error.h"
#include "fis/resource_directory.h"

namespace faultbox::cloud {

class Cloud;

// What a call is, as a fault matches it.
struct ApiCallInfo {
  std::string region;
  std::string role_arn;  // the caller's role; empty for the account's root
  std::string service;   // "ec2"
  std::string operation;
  std::string zone;           // where a launch asks for capacity; empty for other calls
  std::string instance_type;  // of that launch, for the error's words
};

class ApiFaults final : public Kind {
 public:
  explicit ApiFaults(Cloud&) {}

  void add(const std::string& region, const std::string& fault_id, fis::ApiFaultSpec fault);
  void remove(const std::string& fault_id);
  bool empty() const { return faults_.empty(); }

  // The error the call gets, if a fault holds for it (counting the call towards its share).
  std::optional<Error> error_for(const ApiCallInfo& call);

  void save(Records&) const override {}
  Result<void> restore(const Records&) override { return {}; }

 private:
  struct Held {
    std::string region;
    fis::ApiFaultSpec fault;
    long calls = 0;  // calls it has judged
  };
  std::map<std::string, Held> faults_;
};

}  // namespace faultbox::cloud
