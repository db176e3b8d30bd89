// JSON and YAML decoding of configuration files; third-party exceptions stop here.
#include "stack/stack_files.h"

#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "core/expansion_budget.h"
#include "core/json_text.h"

namespace faultbox::stack {
namespace {

nlohmann::json yaml_scalar(const YAML::Node& node) {
  const std::string& text = node.Scalar();
  if (node.Tag() == "!") {  // quoted: never re-typed
    return text;
  }
  // RE2: linear in the scalar's length (libstdc++'s engine recurses once per character).
  static const RE2 kInt("[-+]?[0-9]+");
  static const RE2 kFloat("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");
  if (text == "true" || text == "True" || text == "TRUE") {
    return true;
  }
  if (text == "false" || text == "False" || text == "FALSE") {
    return false;
  }
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
    return nullptr;
  }
  if (RE2::FullMatch(text, kInt)) {
    errno = 0;
    long long whole = std::strtoll(text.c_str(), nullptr, 10);
    if (errno != ERANGE) {
      return whole;
    }
  }
  if (RE2::FullMatch(text, kInt) || RE2::FullMatch(text, kFloat)) {
    double number = std::strtod(text.c_str(), nullptr);
    if (std::isfinite(number)) {
      return number;  // an integer too large for 64 bits is a number still, as in Terraform
    }
  }
  return text;
}

// Depth is bounded by yaml-cpp's parser; the expansion of aliases by `budget`.
Result<nlohmann::json> yaml_to_json(const YAML::Node& node, ExpansionBudget& budget) {
  if (!budget.spend()) {
    return errors::validation("the document expands to more than " +
                              std::to_string(budget.limit()) +
                              " values (YAML aliases repeat what they refer to)");
  }
  switch (node.Type()) {
    case YAML::NodeType::Sequence: {
      auto out = nlohmann::json::array();
      for (const auto& item : node) {
        FAULTBOX_TRY(value, yaml_to_json(item, budget));
        out.push_back(std::move(value));
      }
      return out;
    }
    case YAML::NodeType::Map: {
      auto out = nlohmann::json::object();
      for (const auto& kv : node) {
        FAULTBOX_TRY(value, yaml_to_json(kv.second, budget));
        out[kv.first.as<std::string>()] = std::move(value);
      }
      return out;
    }
    case YAML::NodeType::Scalar:
      return yaml_scalar(node);
    default:
      return nlohmann::json(nullptr);
  }
}

Result<nlohmann::json> parse_yaml_text(const std::string& name, const std::string& content) {
  try {
    YAML::Node root = YAML::Load(content);
    ExpansionBudget budget;
    auto doc = yaml_to_json(root, budget);
    if (!doc) {
      return errors::validation(name + ": " + doc.error().message);
    }
    return doc;
  } catch (const YAML::Exception& e) {
    return errors::validation(name + ": parse error at line " + std::to_string(e.mark.line + 1) +
                              ", column " + std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
}

}  // namespace

bool is_config_file(std::string_view name) {
  return name.ends_with(".tf") || name.ends_with(".tf.json") || name.ends_with(".tf.yaml") ||
         name.ends_with(".tf.yml");
}

Result<nlohmann::json> parse_json_text(const std::string& name, const std::string& content) {
  return parse_json(content, name);
}

Result<nlohmann::json> decode_config_file(const std::string& name, const std::string& content) {
  if (name.ends_with(".tf")) {
    // The CLI sends HCL files as the JSON HashiCorp's parser makes of them (hcl2json).
    auto doc = parse_json(content, name);
    auto first = content.find_first_not_of(" \t\r\n");
    bool json_text_sent = first != std::string::npos && content[first] == '{';
    if (!doc && json_text_sent) {
      return doc.error();
    }
    if (!doc) {
      return errors::validation(name +
                                ": HCL files reach the lab converted to JSON by the faultbox "
                                "CLI (tools/hcl2json); this one arrived as HCL text");
    }
    return doc;
  }
  if (name.ends_with(".json")) {
    return parse_json_text(name, content);
  }
  return parse_yaml_text(name, content);
}

}  // namespace faultbox::stack
