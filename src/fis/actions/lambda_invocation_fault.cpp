#include "fis/actions/lambda_invocation_fault.h"

#include <chrono>

#include "core/arn.h"
#include "core/iso8601.h"
#include "core/json_text.h"
#include "fis/wire.h"

namespace faultbox::fis::actions {

Result<void> LambdaInvocationFault::start(ActionContext& ctx) {
  started_at_ = ctx.now();
  for (const auto& function : ctx.resources(std::string(wire::kFunctionsKey))) {
    FAULTBOX_TRY_VOID(ctx.authorize("lambda:GetFunction", function));
    FAULTBOX_TRY(environment, ctx.lambda.function_environment(function.arn));
    auto location = environment.find(std::string(kFisConfigurationLocation));
    if (location == environment.end()) {
      return errors::validation("The function " + function.arn + " has no " +
                                std::string(kFisConfigurationLocation) +
                                ": the FIS extension layer cannot receive the fault");
    }
    FAULTBOX_TRY(where, parse_configuration_location(location->second));
    LambdaFaultConfig config = fault_;
    config.function_arn = function.arn;
    config.experiment_id = ctx.experiment_id;
    config.action_name = ctx.action_name;
    config.start = started_at_;
    config.end = started_at_ + duration_;
    std::string key = fault_config_key(where, config);
    ResolvedResource object{"aws:s3:object", arn::s3_bucket(where.bucket) + "/" + key, key};
    FAULTBOX_TRY_VOID(ctx.authorize("s3:PutObject", object));
    FAULTBOX_TRY_VOID(ctx.lambda.put_object(where.bucket, key, json_text(to_json(config), 2)));
    written_.emplace_back(where.bucket, key);
    ctx.log("s3:PutObject s3://" + where.bucket + "/" + key + " (" + fault_.action_id + " on " +
            function.id + " until " + format_iso8601(config.end) + ")");
  }
  return {};
}

ActionProgress LambdaInvocationFault::poll(ActionContext& ctx) {
  if (ctx.now() - started_at_ < duration_) {
    return ActionProgress::running();
  }
  if (auto removed = remove_all(ctx); !removed) {
    return ActionProgress::failed(removed.error().message);
  }
  return ActionProgress::completed();
}

Result<void> LambdaInvocationFault::stop(ActionContext& ctx) { return remove_all(ctx); }

Result<void> LambdaInvocationFault::remove_all(ActionContext& ctx) {
  while (!written_.empty()) {
    auto [bucket, key] = written_.back();
    ResolvedResource object{"aws:s3:object", arn::s3_bucket(bucket) + "/" + key, key};
    FAULTBOX_TRY_VOID(ctx.authorize("s3:DeleteObject", object));
    FAULTBOX_TRY_VOID(ctx.lambda.delete_object(bucket, key));
    ctx.log("s3:DeleteObject s3://" + bucket + "/" + key);
    written_.pop_back();
  }
  return {};
}

std::vector<ActionParameterSpec> lambda_fault_parameters() {
  return {{.name = "duration",
           .required = true,
           .type = ParamType::IsoDuration,
           .description = "How long the fault lasts (ISO 8601, PT1M to PT12H).",
           .min = std::chrono::minutes(1),
           .max = std::chrono::hours(12)},
          {.name = "invocationPercentage",
           .type = ParamType::Integer,
           .description = "The percentage of invocations the fault hits (1 to 100).",
           .default_value = "100",
           .min_value = 1,
           .max_value = 100}};
}

ActionParameterSpec prevent_execution_parameter() {
  return {.name = "preventExecution",
          .required = true,
          .type = ParamType::Boolean,
          .description = "Whether the function is kept from running at all."};
}

Result<std::unique_ptr<Action>> make_lambda_fault(
    const std::string& action_id, const StringMap& parameters,
    const std::function<Result<void>(const StringMap&, LambdaFaultConfig&)>& read_own) {
  FAULTBOX_TRY(length, duration_parameter(action_id, parameters, "duration"));
  LambdaFaultConfig fault;
  fault.action_id = action_id;
  fault.invocation_percentage =
      static_cast<int>(integer_parameter(parameters, "invocationPercentage", 100));
  FAULTBOX_TRY_VOID(read_own(parameters, fault));
  return std::unique_ptr<Action>(std::make_unique<LambdaInvocationFault>(length, fault));
}

}  // namespace faultbox::fis::actions
