// Instance addresses and index_key as Terraform writes them.
#include "stack/instance_key.h"

namespace faultbox::stack {

std::string instance_address(const std::string& address, const InstanceKey& key) {
  if (const int* index = std::get_if<int>(&key)) {
    return address + "[" + std::to_string(*index) + "]";
  }
  if (const std::string* name = std::get_if<std::string>(&key)) {
    std::string quoted;
    for (char c : *name) {
      quoted += c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\n' ? "\\n" : std::string(1, c);
    }
    return address + "[\"" + quoted + "\"]";
  }
  return address;
}

nlohmann::json index_key_json(const InstanceKey& key) {
  if (const int* index = std::get_if<int>(&key)) {
    return *index;
  }
  if (const std::string* name = std::get_if<std::string>(&key)) {
    return *name;
  }
  return nullptr;
}

InstanceKey index_key_from_json(const nlohmann::json& json) {
  if (json.is_number_integer()) {
    return json.get<int>();
  }
  if (json.is_string()) {
    return json.get<std::string>();
  }
  return {};
}

}  // namespace faultbox::stack
