// The web console: its files at / and /console/..., and the small routes only it needs
// (/_faultbox/roles, /_faultbox/alarms/<name>/datapoints, /_faultbox/events,
// /_faultbox/experiments/<id>/report.html).
#pragma once

#include <optional>

#include "lab/lab_context.h"

namespace faultbox::lab {

// False when the path is not one of these routes. /_faultbox/events answers through `reply`
// with a stream; the others answer at once.
bool handle_console_request(LabContext& context, const net::HttpRequest& request,
                            const net::Reply& reply);

}  // namespace faultbox::lab
