#include "cloud/resource_handler.h"

namespace faultbox::cloud {

expr::Value with_computed(const expr::Value& config,
                          const std::map<std::string, expr::Value>& computed) {
  expr::Value::Attributes attributes;
  if (config.is_mapping()) {
    attributes = config.attributes();
  }
  for (const auto& [k, v] : computed) {
    attributes[k] = v;
  }
  return expr::Value::object(std::move(attributes));
}

ResourceHandler put_and_destroy(std::string type, std::vector<std::string> modelled,
                                std::vector<std::string> computed, PutResource put,
                                DestroyResource destroy) {
  return {
      .type = std::move(type),
      .modelled = std::move(modelled),
      .computed = std::move(computed),
      .validate = [](const Cloud&, const ValueReader&) -> Result<void> { return {}; },
      .create = put,
      .update = put,
      .destroy = std::move(destroy),
  };
}

std::string state_string(const expr::Value& state, const std::string& key) {
  const auto* v = state.is_mapping() ? state.find(key) : nullptr;
  return v && v->is_string() ? v->as_string() : std::string();
}

}  // namespace faultbox::cloud
