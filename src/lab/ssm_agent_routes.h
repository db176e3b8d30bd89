// /_ssm/<instance-id>/...: where the SSM agent on an instance asks for work and reports it, as
// the real agent does with the ssmmessages endpoints. `GET .../work?session=S&running=a,b`
// answers the commands to run and to cancel (a poll changes nothing the lab must save before
// answering: a command handed out again after a crash is one the agent already runs, and it
// skips it); `POST .../report` records a command's end, saved before the answer.
#pragma once

#include <optional>

#include "lab/lab_context.h"

namespace faultbox::lab {

// nullopt when the path is not one of these routes.
std::optional<net::HttpResponse> handle_ssm_agent_request(LabContext& context,
                                                          const net::HttpRequest& request);

}  // namespace faultbox::lab
