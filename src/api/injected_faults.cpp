#include "api/injected_faults.h"

#include "cloud/api_faults/api_faults.h"
#include "cloud/sts/sessions.h"

namespace faultbox::api {

std::optional<Error> injected_fault(Call& call, const ServiceInfo& service) {
  auto& faults = call.cloud.kind<cloud::ApiFaults>();
  // The lab injects into EC2 only, whose operation is its Action parameter.
  if (faults.empty() || service.id != "ec2") {
    return std::nullopt;
  }
  cloud::ApiCallInfo info;
  info.role_arn = call.cloud.kind<cloud::Sessions>().caller(call.access_key).role_arn;
  if (info.role_arn.empty()) {
    return std::nullopt;
  }
  info.region = call.region;
  info.service = service.id;
  info.operation = call.params.get_or("Action", "");
  if (info.operation == "StartInstances") {
    // Capacity is asked for where the instances are.
    auto ids = call.params.list("InstanceId");
    if (const auto* i = ids.empty() ? nullptr : call.cloud.instances().find(ids.front())) {
      info.zone = i->availability_zone;
      info.instance_type = i->instance_type;
    }
  }
  return faults.error_for(info);
}

}  // namespace faultbox::api
