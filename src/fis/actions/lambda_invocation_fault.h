// What the three aws:lambda:invocation-* actions share, done as FIS does it: for the action's
// duration, one fault configuration per target function, written (s3:PutObject) where the
// function's FIS extension reads (its AWS_FIS_CONFIGURATION_LOCATION, found with
// lambda:GetFunction), and removed (s3:DeleteObject) when the action ends or the experiment
// stops. Each configuration also carries its end time, so a lab that dies mid-action leaves no
// fault behind.
#pragma once

#include <memory>
#include <utility>
#include <vector>

#include "fis/action.h"
#include "fis/actions/parameters.h"
#include "fis/lambda_fault_config.h"

namespace faultbox::fis::actions {

class LambdaInvocationFault final : public Action {
 public:
  // `fault` holds the action's own parameters; function, experiment and times are set at start.
  LambdaInvocationFault(Duration duration, LambdaFaultConfig fault)
      : duration_(duration), fault_(std::move(fault)) {}

  Result<void> start(ActionContext& ctx) override;
  ActionProgress poll(ActionContext& ctx) override;
  Result<void> stop(ActionContext& ctx) override;

 private:
  Result<void> remove_all(ActionContext& ctx);

  Duration duration_;
  LambdaFaultConfig fault_;
  TimePoint started_at_{};
  std::vector<std::pair<std::string, std::string>> written_;  // (bucket, key)
};

// The parameters every aws:lambda:invocation-* action takes: duration, invocationPercentage.
std::vector<ActionParameterSpec> lambda_fault_parameters();
// preventExecution, of the actions that answer in the function's place (-error, -http-...).
ActionParameterSpec prevent_execution_parameter();

// An action of `action_id` from its parameters: duration and invocationPercentage read here,
// the action's own by `read_own` into the configuration.
Result<std::unique_ptr<Action>> make_lambda_fault(
    const std::string& action_id, const StringMap& parameters,
    const std::function<Result<void>(const StringMap&, LambdaFaultConfig&)>& read_own);

}  // namespace faultbox::fis::actions
