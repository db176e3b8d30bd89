// /_faultbox/{actions,templates,experiments,alarms,logs}: FIS, CloudWatch and CloudWatch Logs
// through the lab's API.
// Every route takes ?region=; without it, the region that holds the lab's resources.
#pragma once

#include <optional>

#include "lab/lab_context.h"

namespace faultbox::lab {

// Empty when the path is not one of these routes.
std::optional<net::HttpResponse> handle_fis_request(LabContext& context,
                                                    const net::HttpRequest& request);

}  // namespace faultbox::lab
