// The key of one instance of a resource: none, a count index, or a for_each key.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <variant>

namespace faultbox::stack {

// std::monostate: a single instance; int: count.index; std::string: each.key.
using InstanceKey = std::variant<std::monostate, int, std::string>;

inline bool is_keyed(const InstanceKey& key) {
  return !std::holds_alternative<std::monostate>(key);
}

// "aws_instance.web" + 2 -> "aws_instance.web[2]", + "a" -> "aws_instance.web[\"a\"]" (the key
// quoted as HCL quotes it); without a key, the address itself.
std::string instance_address(const std::string& address, const InstanceKey& key);

// Terraform's state index_key: a number or a string; nullopt-like null for none.
nlohmann::json index_key_json(const InstanceKey& key);
InstanceKey index_key_from_json(const nlohmann::json& json);

}  // namespace faultbox::stack
