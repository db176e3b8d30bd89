// aws:lambda:invocation-add-delay: the target functions start each hit invocation
// startupDelayMilliseconds late (the delay counts against the function's timeout).
#include "fis/action_registry.h"
#include "fis/actions/lambda_invocation_fault.h"
#include "fis/wire.h"

namespace faultbox::fis::actions {

ActionSpec lambda_invocation_add_delay() {
  auto parameters = lambda_fault_parameters();
  parameters.push_back({.name = "startupDelayMilliseconds",
                        .type = ParamType::Integer,
                        .description = "How long each invocation waits before the function "
                                       "starts, in milliseconds (0 to 900000).",
                        .default_value = "1000",
                        .min_value = 0,
                        .max_value = 900000});
  return {.id = "aws:lambda:invocation-add-delay",
          .description = "Add a start-up delay to invocations of the target Lambda functions.",
          .targets = {{std::string(wire::kFunctionsKey), std::string(wire::kLambdaFunction)}},
          .parameters = std::move(parameters),
          .make = [](const StringMap& p) {
            return make_lambda_fault("aws:lambda:invocation-add-delay", p,
                                     [](const StringMap& own, LambdaFaultConfig& c) {
                                       c.startup_delay_ms = static_cast<int>(integer_parameter(
                                           own, "startupDelayMilliseconds", 1000));
                                       return Result<void>();
                                     });
          }};
}

}  // namespace faultbox::fis::actions
