// JSON and YAML decoding of configuration files; third-party exceptions stop here.
#include "stack/stack_files.h"

#include <yaml-cpp/yaml.h>

#include <regex>

namespace faultbox::stack {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// nlohmann's messages start with "[json.exception.parse_error.101] "; the rest is for humans.
std::string strip_exception_tag(const std::string& what) {
  auto close = what.find("] ");
  return close == std::string::npos ? what : what.substr(close + 2);
}

nlohmann::json yaml_scalar(const YAML::Node& node) {
  const std::string& text = node.Scalar();
  if (node.Tag() == "!") {  // quoted: never re-typed
    return text;
  }
  static const std::regex kInt("[-+]?[0-9]+");
  static const std::regex kFloat("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");
  if (text == "true" || text == "True" || text == "TRUE") {
    return true;
  }
  if (text == "false" || text == "False" || text == "FALSE") {
    return false;
  }
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
    return nullptr;
  }
  if (std::regex_match(text, kInt)) {
    return std::stoll(text);
  }
  if (std::regex_match(text, kFloat)) {
    return std::stod(text);
  }
  return text;
}

nlohmann::json yaml_to_json(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence: {
      auto out = nlohmann::json::array();
      for (const auto& item : node) {
        out.push_back(yaml_to_json(item));
      }
      return out;
    }
    case YAML::NodeType::Map: {
      auto out = nlohmann::json::object();
      for (const auto& kv : node) {
        out[kv.first.as<std::string>()] = yaml_to_json(kv.second);
      }
      return out;
    }
    case YAML::NodeType::Scalar:
      return yaml_scalar(node);
    default:
      return nullptr;
  }
}

Result<nlohmann::json> parse_yaml_text(const std::string& name, const std::string& content) {
  try {
    YAML::Node root = YAML::Load(content);
    return yaml_to_json(root);
  } catch (const YAML::Exception& e) {
    return errors::validation(name + ": parse error at line " + std::to_string(e.mark.line + 1) +
                              ", column " + std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
}

}  // namespace

bool is_config_file(std::string_view name) {
  return ends_with(name, ".tf") || ends_with(name, ".tf.json") || ends_with(name, ".tf.yaml") ||
         ends_with(name, ".tf.yml");
}

Result<nlohmann::json> parse_json_text(const std::string& name, const std::string& content) {
  try {
    return nlohmann::json::parse(content);
  } catch (const nlohmann::json::exception& e) {
    return errors::validation(name + ": " + strip_exception_tag(e.what()));
  }
}

Result<nlohmann::json> decode_config_file(const std::string& name, const std::string& content) {
  if (ends_with(name, ".tf")) {
    // The CLI sends HCL files as the JSON HashiCorp's parser makes of them (hcl2json).
    auto doc = nlohmann::json::parse(content, nullptr, false);
    if (doc.is_discarded()) {
      return errors::validation(name + ": HCL files reach the lab converted to JSON by the faultbox "
                                "CLI (tools/hcl2json); this one arrived as HCL text");
    }
    return doc;
  }
  if (ends_with(name, ".json")) {
    return parse_json_text(name, content);
  }
  return parse_yaml_text(name, content);
}

}  // namespace faultbox::stack
