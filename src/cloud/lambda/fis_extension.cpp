#include "cloud/lambda/fis_extension.h"

#include <map>
#include <nlohmann/json.hpp>

#include "cloud/s3/buckets.h"
#include "core/json_text.h"
#include "fis/lambda_fault_config.h"

namespace faultbox::cloud {

bool has_fis_extension(const LambdaFunction& f) {
  auto env = [&](std::string_view name) {
    auto it = f.environment.find(std::string(name));
    return it == f.environment.end() ? std::string() : it->second;
  };
  bool layer = false;
  for (const auto& l : f.layers) {
    layer = layer || l.find(":layer:aws-fis-extension") != std::string::npos;
  }
  return layer && env(fis::kLambdaExecWrapper) == fis::kFisExtensionBootstrap &&
         !env(fis::kFisConfigurationLocation).empty();
}

InvocationFaults faults_for(const LambdaFunction& function, const std::string& function_arn,
                            const Buckets& buckets, TimePoint now, std::mt19937_64& rng) {
  InvocationFaults out;
  if (!has_fis_extension(function)) {
    return out;
  }
  auto location = fis::parse_configuration_location(
      function.environment.at(std::string(fis::kFisConfigurationLocation)));
  if (!location) {
    return out;
  }
  auto listing = buckets.list_objects(location->bucket, location->prefix, "", "", 1000);
  if (!listing) {
    return out;
  }
  // The earliest-started active configuration of each action.
  std::map<std::string, fis::LambdaFaultConfig> active;
  for (const S3Object* object : listing->objects) {
    auto bytes = buckets.read_object(location->bucket, object->key);
    if (!bytes) {
      continue;
    }
    auto json = parse_json(*bytes, "a fault configuration");
    auto config = json ? fis::lambda_fault_config_from_json(*json)
                       : Result<fis::LambdaFaultConfig>(json.error());
    if (!config || config->function_arn != function_arn || now < config->start ||
        now >= config->end) {
      continue;
    }
    auto [it, fresh] = active.emplace(config->action_id, *config);
    if (!fresh && config->start < it->second.start) {
      it->second = *config;
    }
  }
  std::uniform_int_distribution<int> percent(1, 100);
  for (const auto& [action, c] : active) {
    if (percent(rng) > c.invocation_percentage) {
      continue;
    }
    out.applied += (out.applied.empty() ? "" : ", ") + action;
    if (action == "aws:lambda:invocation-add-delay") {
      out.startup_delay = Duration(c.startup_delay_ms);
    } else if (action == "aws:lambda:invocation-error") {
      out.fail = true;
      out.prevent_execution = out.prevent_execution || c.prevent_execution;
    } else if (action == "aws:lambda:invocation-http-integration-response") {
      out.http_status = c.status_code;
      out.content_type = c.content_type_header;
      out.prevent_execution = out.prevent_execution || c.prevent_execution;
    }
  }
  return out;
}

}  // namespace faultbox::cloud
