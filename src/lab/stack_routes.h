// /_faultbox/stack/{plan,apply,destroy,output}: the CLI sends a stack directory's files, the lab
// plans or applies them against its Cloud and keeps each stack's state (Terraform state v4).
#pragma once

#include "lab/lab_context.h"

namespace faultbox::lab {

net::HttpResponse handle_stack_request(LabContext& context, const net::HttpRequest& request);

}  // namespace faultbox::lab
