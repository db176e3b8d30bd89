// What AWS's FIS extension layer does on a function, done by the lab: before an invocation it
// reads the fault configurations FIS wrote under the function's AWS_FIS_CONFIGURATION_LOCATION
// (in the lab's S3) and delays, fails or answers the invocation. As on AWS, only a function set
// up for it is touched: AWS_LAMBDA_EXEC_WRAPPER=/opt/aws-fis/bootstrap, the location variable
// and an aws-fis-extension layer.
#pragma once

#include <optional>
#include <random>
#include <string>

#include "cloud/lambda/functions.h"
#include "core/clock.h"

namespace faultbox::cloud {

class Buckets;

struct InvocationFaults {
  Duration startup_delay{0};       // aws:lambda:invocation-add-delay
  bool fail = false;               // aws:lambda:invocation-error
  std::optional<int> http_status;  // aws:lambda:invocation-http-integration-response
  std::string content_type;
  bool prevent_execution = false;  // the handler does not run at all
  std::string applied;             // for the log: which actions hit this invocation
};

// Whether the function carries the extension (wrapper, location and layer).
bool has_fis_extension(const LambdaFunction& function);

// The faults active now for this invocation of `function` (its ARN `function_arn`): each
// configuration applies to `invocationPercentage` percent of invocations (drawn with `rng`).
// Of identical actions the earliest started wins; different actions stack, as AWS documents.
InvocationFaults faults_for(const LambdaFunction& function, const std::string& function_arn,
                            const Buckets& buckets, TimePoint now, std::mt19937_64& rng);

}  // namespace faultbox::cloud
