// /_ssm/<instance-id>/...: where the SSM agent on an instance asks for work and reports it, as
// the real agent does with the ssmmessages endpoints. `POST .../work?session=S&running=a,b`
// answers the commands to run and to cancel; the commands it hands out are InProgress in the
// store before the answer leaves (an instance rebooted after a kill -9 of its lab has an agent
// that does not know what it ran: a command handed out again would run twice, a disk fill
// filling the disk again). `POST .../report` records a command's end, saved before the answer.
#pragma once

#include <optional>

#include "lab/lab_context.h"

namespace faultbox::lab {

// nullopt when the path is not one of these routes.
std::optional<net::HttpResponse> handle_ssm_agent_request(LabContext& context,
                                                          const net::HttpRequest& request);

}  // namespace faultbox::lab
