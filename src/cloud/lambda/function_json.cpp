#include "cloud/lambda/function_json.h"

#include "core/iso8601.h"

namespace faultbox::cloud {

using nlohmann::json;

json function_configuration(const Functions& functions, const LambdaFunction& f) {
  json layers = json::array();
  for (const auto& l : f.layers) {
    layers.push_back({{"Arn", l}, {"CodeSize", 0}});
  }
  json out = {{"FunctionName", f.name},
              {"FunctionArn", functions.arn(f)},
              {"Runtime", f.runtime},
              {"Role", f.role},
              {"Handler", f.handler},
              {"CodeSize", f.code_size},
              {"Description", f.description},
              {"Timeout", f.timeout_s},
              {"MemorySize", f.memory_mb},
              {"LastModified", format_iso8601_offset(f.last_modified)},
              {"CodeSha256", f.code_sha256},
              {"Version", "$LATEST"},
              {"TracingConfig", {{"Mode", "PassThrough"}}},
              {"RevisionId", f.revision_id},
              {"Layers", layers},
              {"State", "Active"},
              {"LastUpdateStatus", "Successful"},
              {"PackageType", "Zip"},
              {"Architectures", {"x86_64"}},
              {"EphemeralStorage", {{"Size", 512}}},
              {"LoggingConfig", {{"LogFormat", "Text"}, {"LogGroup", "/aws/lambda/" + f.name}}}};
  if (!f.environment.empty()) {
    out["Environment"] = {{"Variables", f.environment}};
  }
  return out;
}

}  // namespace faultbox::cloud
