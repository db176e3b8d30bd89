// The fault configuration FIS writes for the aws:lambda:* actions, as an S3 object under the
// function's AWS_FIS_CONFIGURATION_LOCATION, and the FIS extension on the function reads before
// each invocation. AWS does not publish its format; this is the lab's own, written and read
// only here. Each object holds one action on one function, and carries its end time, so a fault
// never outlives its action even when the lab dies before removing the object.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/result.h"

namespace faultbox::fis {

struct LambdaFaultConfig {
  std::string action_id;  // aws:lambda:invocation-add-delay, -error, -http-integration-response
  std::string function_arn;
  std::string experiment_id;
  std::string action_name;
  TimePoint start{};
  TimePoint end{};
  int invocation_percentage = 100;
  int startup_delay_ms = 0;         // add-delay
  bool prevent_execution = false;   // error, http-integration-response
  int status_code = 200;            // http-integration-response
  std::string content_type_header;  // http-integration-response
};

nlohmann::json to_json(const LambdaFaultConfig& config);
Result<LambdaFaultConfig> lambda_fault_config_from_json(const nlohmann::json& j);

// Where AWS_FIS_CONFIGURATION_LOCATION points: "arn:aws:s3:::bucket/prefix/" (a trailing '*'
// is allowed, as people write it).
struct ConfigurationLocation {
  std::string bucket;
  std::string prefix;  // "FisConfigs/"
};
Result<ConfigurationLocation> parse_configuration_location(const std::string& value);

// The object of one action on one function: "<prefix><experiment>-<action>-<function>.json".
std::string fault_config_key(const ConfigurationLocation& location,
                             const LambdaFaultConfig& config);

// The environment variables a function needs for the extension to act on it.
inline constexpr std::string_view kFisConfigurationLocation = "AWS_FIS_CONFIGURATION_LOCATION";
inline constexpr std::string_view kLambdaExecWrapper = "AWS_LAMBDA_EXEC_WRAPPER";
inline constexpr std::string_view kFisExtensionBootstrap = "/opt/aws-fis/bootstrap";

}  // namespace faultbox::fis
