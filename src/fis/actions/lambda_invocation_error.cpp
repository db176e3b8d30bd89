// aws:lambda:invocation-error: hit invocations of the target functions fail; with
// preventExecution the function does not run at all.
#include "fis/action_registry.h"
#include "fis/actions/lambda_invocation_fault.h"
#include "fis/wire.h"

namespace faultbox::fis::actions {

ActionSpec lambda_invocation_error() {
  auto parameters = lambda_fault_parameters();
  parameters.push_back(prevent_execution_parameter());
  return {.id = "aws:lambda:invocation-error",
          .description = "Mark invocations of the target Lambda functions as failed.",
          .targets = {{std::string(wire::kFunctionsKey), std::string(wire::kLambdaFunction)}},
          .parameters = std::move(parameters),
          .make = [](const StringMap& p) {
            return make_lambda_fault(
                "aws:lambda:invocation-error", p, [](const StringMap& own, LambdaFaultConfig& c) {
                  c.prevent_execution = flag_parameter(own, "preventExecution");
                  return Result<void>();
                });
          }};
}

}  // namespace faultbox::fis::actions
