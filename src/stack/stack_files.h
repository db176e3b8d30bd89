// Decodes a stack's configuration files (*.tf.json, *.tf.yaml, *.tf.yml) into JSON documents.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/result.h"

namespace faultbox::stack {

// True for the names the loader reads as configuration: *.tf (as hcl2json's JSON), *.tf.json,
// *.tf.yaml, *.tf.yml.
bool is_config_file(std::string_view name);

// Parses one file by its extension. Errors name the file and the line/column of the syntax error.
// YAML scalars are typed as YAML 1.2's core schema does; quoted scalars stay strings.
Result<nlohmann::json> decode_config_file(const std::string& name, const std::string& content);

// Parses JSON text; on failure "<name>: parse error at line L, column C: ..." .
Result<nlohmann::json> parse_json_text(const std::string& name, const std::string& content);

}  // namespace faultbox::stack
