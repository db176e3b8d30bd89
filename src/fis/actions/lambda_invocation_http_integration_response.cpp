// aws:lambda:invocation-http-integration-response: hit invocations of the target functions
// answer with statusCode and contentTypeHeader, as an HTTP integration (API Gateway, ALB) sees
// them; with preventExecution the function does not run at all.
#include "fis/action_registry.h"
#include "fis/actions/lambda_invocation_fault.h"
#include "fis/wire.h"

namespace faultbox::fis::actions {

ActionSpec lambda_invocation_http_integration_response() {
  auto parameters = lambda_fault_parameters();
  parameters.push_back(prevent_execution_parameter());
  parameters.push_back({.name = "statusCode",
                        .required = true,
                        .type = ParamType::Integer,
                        .description = "The HTTP status code of the response (100 to 599).",
                        .min_value = 100,
                        .max_value = 599});
  parameters.push_back({.name = "contentTypeHeader",
                        .required = true,
                        .description = "The Content-Type header of the response."});
  return {.id = "aws:lambda:invocation-http-integration-response",
          .description = "Modify the HTTP integration response of the target Lambda functions.",
          .targets = {{std::string(wire::kFunctionsKey), std::string(wire::kLambdaFunction)}},
          .parameters = std::move(parameters),
          .make = [](const StringMap& p) {
            return make_lambda_fault(
                "aws:lambda:invocation-http-integration-response", p,
                [](const StringMap& own, LambdaFaultConfig& c) {
                  c.prevent_execution = flag_parameter(own, "preventExecution");
                  c.status_code = static_cast<int>(integer_parameter(own, "statusCode", 200));
                  auto type = own.find("contentTypeHeader");
                  c.content_type_header = type == own.end() ? "" : type->second;
                  return Result<void>();
                });
          }};
}

}  // namespace faultbox::fis::actions
