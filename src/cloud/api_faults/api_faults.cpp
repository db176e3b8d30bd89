#include "cloud/api_faults/api_faults.h"

#include <algorithm>

#include "compute/instance_manager.h"
#include "compute/launch_faults.h"
#include "core/even_share.h"
#include "core/zone_ids.h"

namespace faultbox::cloud {

namespace {

bool contains(const std::vector<std::string>& items, std::string_view item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

// EC2's error for each kind of injected fault, as EC2 answers it.
Error ec2_error(const fis::ApiFaultSpec& fault, const ApiCallInfo& call) {
  if (fault.error_code == "RequestLimitExceeded") {
    return {"RequestLimitExceeded", "Request limit exceeded.", 503};
  }
  if (fault.error_code == "Unavailable") {
    return {"Unavailable", "The server is overloaded and can't handle the request.", 503};
  }
  if (fault.error_code == "InsufficientInstanceCapacity") {
    return {"InsufficientInstanceCapacity",
            compute::insufficient_capacity_message(call.instance_type.empty()
                                                       ? compute::LaunchSpec{}.instance_type
                                                       : call.instance_type,
                                                   call.zone, {}),
            500};
  }
  return {"InternalError", "An internal error has occurred.", 500};
}

}  // namespace

void ApiFaults::add(const std::string& region, const std::string& fault_id,
                    fis::ApiFaultSpec fault) {
  faults_[fault_id] = Held{region, std::move(fault), 0};
}

void ApiFaults::remove(const std::string& fault_id) { faults_.erase(fault_id); }

std::optional<Error> ApiFaults::error_for(const ApiCallInfo& call) {
  if (call.role_arn.empty()) {
    return std::nullopt;
  }
  std::optional<Error> error;
  for (auto& [id, held] : faults_) {
    const auto& f = held.fault;
    if (held.region != call.region || f.service != call.service ||
        !contains(f.role_arns, call.role_arn) || !contains(f.operations, call.operation)) {
      continue;
    }
    if (!f.zones.empty() && (call.zone.empty() || (!contains(f.zones, call.zone) &&
                                                   !contains(f.zones, zone_id(call.zone))))) {
      continue;
    }
    if (in_even_share(held.calls++, f.percentage) && !error) {
      error = ec2_error(f, call);
    }
  }
  return error;
}

std::unique_ptr<Kind> make_api_faults(Cloud& cloud) { return std::make_unique<ApiFaults>(cloud); }

}  // namespace faultbox::cloud
