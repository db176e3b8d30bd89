// Functions as "lambda_function" records: the configuration and the code's hash and size (the
// code itself stays in its file).
#include "cloud/lambda/functions.h"

namespace faultbox::cloud {

using nlohmann::json;

void Functions::save(Records& out) const {
  auto& records = out["lambda_function"];
  for (const auto& [k, f] : functions_) {
    records.emplace_back(k, json{{"name", f.name},
                                 {"region", f.region},
                                 {"role", f.role},
                                 {"handler", f.handler},
                                 {"runtime", f.runtime},
                                 {"description", f.description},
                                 {"memory_mb", f.memory_mb},
                                 {"timeout_s", f.timeout_s},
                                 {"environment", f.environment},
                                 {"layers", f.layers},
                                 {"tags", f.tags},
                                 {"code_sha256", f.code_sha256},
                                 {"code_size", f.code_size},
                                 {"modified_ms", f.last_modified.time_since_epoch().count()},
                                 {"revision_id", f.revision_id},
                                 {"test_events", f.test_events}});
  }
}

Result<void> Functions::restore(const Records& saved) {
  for (const auto& [k, j] : records_of(saved, "lambda_function")) {
    LambdaFunction f;
    f.name = j.at("name").get<std::string>();
    f.region = j.at("region").get<std::string>();
    f.role = j.at("role").get<std::string>();
    f.handler = j.at("handler").get<std::string>();
    f.runtime = j.at("runtime").get<std::string>();
    f.description = j.at("description").get<std::string>();
    f.memory_mb = j.at("memory_mb").get<int>();
    f.timeout_s = j.at("timeout_s").get<int>();
    f.environment = j.at("environment").get<std::map<std::string, std::string>>();
    f.layers = j.at("layers").get<std::vector<std::string>>();
    f.tags = j.at("tags").get<std::map<std::string, std::string>>();
    f.code_sha256 = j.at("code_sha256").get<std::string>();
    f.code_size = j.at("code_size").get<std::size_t>();
    f.last_modified = TimePoint(Duration(j.at("modified_ms").get<long long>()));
    f.revision_id = j.at("revision_id").get<std::string>();
    f.test_events = j.value("test_events", std::map<std::string, std::string>());
    functions_[key(f.region, f.name)] = std::move(f);
  }
  return {};
}

}  // namespace faultbox::cloud
