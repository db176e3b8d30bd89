// A function as Lambda's API shows it (FunctionConfiguration), for the Lambda API and the
// console alike.
#pragma once

#include <nlohmann/json.hpp>

#include "cloud/lambda/functions.h"

namespace faultbox::cloud {

nlohmann::json function_configuration(const Functions& functions, const LambdaFunction& f);

}  // namespace faultbox::cloud
