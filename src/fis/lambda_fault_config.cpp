#include "fis/lambda_fault_config.h"

#include "core/arn.h"
#include "core/iso8601.h"

namespace faultbox::fis {

using nlohmann::json;

json to_json(const LambdaFaultConfig& c) {
  return {{"actionId", c.action_id},
          {"functionArn", c.function_arn},
          {"experimentId", c.experiment_id},
          {"actionName", c.action_name},
          {"startTime", format_iso8601(c.start)},
          {"endTime", format_iso8601(c.end)},
          {"invocationPercentage", c.invocation_percentage},
          {"startupDelayMilliseconds", c.startup_delay_ms},
          {"preventExecution", c.prevent_execution},
          {"statusCode", c.status_code},
          {"contentTypeHeader", c.content_type_header}};
}

Result<LambdaFaultConfig> lambda_fault_config_from_json(const json& j) {
  try {
    LambdaFaultConfig c;
    c.action_id = j.at("actionId").get<std::string>();
    c.function_arn = j.at("functionArn").get<std::string>();
    c.experiment_id = j.value("experimentId", "");
    c.action_name = j.value("actionName", "");
    auto start = parse_iso8601(j.at("startTime").get<std::string>());
    auto end = parse_iso8601(j.at("endTime").get<std::string>());
    if (!start || !end) {
      return errors::validation("a fault configuration's times are not ISO 8601");
    }
    c.start = *start;
    c.end = *end;
    c.invocation_percentage = j.value("invocationPercentage", 100);
    c.startup_delay_ms = j.value("startupDelayMilliseconds", 0);
    c.prevent_execution = j.value("preventExecution", false);
    c.status_code = j.value("statusCode", 200);
    c.content_type_header = j.value("contentTypeHeader", "");
    return c;
  } catch (const json::exception& e) {
    return errors::validation(std::string("a fault configuration is not readable: ") + e.what());
  }
}

Result<ConfigurationLocation> parse_configuration_location(const std::string& value) {
  auto parsed = parse_arn(value);
  if (!parsed || parsed->service != "s3" || parsed->resource.empty()) {
    return errors::validation(std::string(kFisConfigurationLocation) + " \"" + value +
                              "\" is not an S3 ARN (arn:aws:s3:::bucket/prefix/)");
  }
  std::string resource = parsed->resource;
  while (!resource.empty() && resource.back() == '*') {
    resource.pop_back();
  }
  auto slash = resource.find('/');
  ConfigurationLocation out;
  out.bucket = resource.substr(0, slash);
  out.prefix = slash == std::string::npos ? "" : resource.substr(slash + 1);
  if (!out.prefix.empty() && out.prefix.back() != '/') {
    out.prefix += '/';
  }
  return out;
}

std::string fault_config_key(const ConfigurationLocation& location, const LambdaFaultConfig& c) {
  auto parsed = parse_arn(c.function_arn);
  std::string function = parsed ? arn::resource_name(*parsed) : c.function_arn;
  if (auto colon = function.rfind(':'); colon != std::string::npos) {
    function = function.substr(colon + 1);
  }
  return location.prefix + c.experiment_id + "-" + c.action_name + "-" + function + ".json";
}

}  // namespace faultbox::fis
