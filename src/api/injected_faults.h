// The error an experiment's API fault (cloud/api_faults) gives this call instead of its answer:
// matched by the caller's role (its STS session), the service, the operation and, for a launch,
// its zone.
#pragma once

#include <optional>

#include "api/service.h"
#include "core/error.h"

namespace faultbox::api {

std::optional<Error> injected_fault(Call& call, const ServiceInfo& service);

}  // namespace faultbox::api
