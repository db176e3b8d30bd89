// FIS operations over a region's services, with the FIS API's JSON bodies (rest-json shapes):
// the lab's own API and the AWS-compatible API both call these.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cloud/cloud.h"

namespace faultbox::cloud::fis_service {

using nlohmann::json;

Result<json> create_template(Cloud& cloud, const std::string& region, const json& body);
Result<json> get_template(Cloud& cloud, const std::string& region, const std::string& id);
Result<json> update_template(Cloud& cloud, const std::string& region, const std::string& id,
                             const json& body);
Result<json> delete_template(Cloud& cloud, const std::string& region, const std::string& id);
json list_templates(Cloud& cloud, const std::string& region);

// body: {"experimentTemplateId": ..., "tags": {...}, "experimentOptions": {"actionsMode": ...}};
// `seed` replays a target selection.
Result<json> start_experiment(Cloud& cloud, const std::string& region, const json& body,
                              std::optional<std::uint64_t> seed);
Result<json> get_experiment(Cloud& cloud, const std::string& region, const std::string& id);
Result<json> stop_experiment(Cloud& cloud, const std::string& region, const std::string& id);
json list_experiments(Cloud& cloud, const std::string& region);

// GetSafetyLever ({"safetyLever": ...}); the only lever is "default" (ResourceNotFound else).
Result<json> get_safety_lever(Cloud& cloud, const std::string& region, const std::string& id);
// UpdateSafetyLeverState; body {"state": {"status": "engaged"|"disengaged", "reason": ...}}.
Result<json> update_safety_lever_state(Cloud& cloud, const std::string& region,
                                       const std::string& id, const json& body);

// Tags of a template or experiment by ARN (arn:aws:fis:<region>:<account>:experiment-template/ID
// or .../experiment/ID); the ARN's region is the one searched. ResourceNotFoundException else.
Result<json> list_tags(Cloud& cloud, const std::string& arn);
Result<void> tag_resource(Cloud& cloud, const std::string& arn, const json& tags);
Result<void> untag_resource(Cloud& cloud, const std::string& arn,
                            const std::vector<std::string>& keys);

}  // namespace faultbox::cloud::fis_service
