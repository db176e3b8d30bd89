// /_faultbox/lambda/...: what the console's Lambda pages show and do. The functions of a region
// with their configuration, one function with its code (the files of its zip) and saved test
// events, saving and removing a test event, and Test: an invocation answered with its response,
// duration and log, as the Lambda console shows them.
#pragma once

#include "lab/lab_context.h"

namespace faultbox::lab {

// False when the path is not one of these routes. Test answers when the function has.
bool handle_lambda_request(LabContext& context, const net::HttpRequest& request,
                           const net::Reply& reply);

}  // namespace faultbox::lab
