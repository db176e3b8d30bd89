#include "cloud/stack_provider.h"

#include <algorithm>

#include "cloud/resource_handler.h"

namespace faultbox::cloud {

namespace {
const ResourceHandler* handler_for(const std::string& type) {
  for (const auto& h : all_resource_handlers()) {
    if (h.type == type) {
      return &h;
    }
  }
  return nullptr;
}

Error unsupported(const std::string& type) {
  return errors::validation("resource type \"" + type + "\" is not supported by the lab");
}
}  // namespace

std::vector<std::string> CloudProvider::resource_types() const {
  std::vector<std::string> out;
  for (const auto& h : all_resource_handlers()) {
    out.push_back(h.type);
  }
  return out;
}

Result<std::vector<std::string>> CloudProvider::validate(const stack::ResourceChange& c) const {
  const auto* h = handler_for(c.type);
  if (!h) {
    return unsupported(c.type);
  }
  FAULTBOX_TRY_VOID(h->validate(cloud_, ValueReader(c.config, c.address)));
  std::vector<std::string> ignored;
  if (c.config.is_mapping()) {
    for (const auto& [name, value] : c.config.attributes()) {
      bool known = std::find(h->modelled.begin(), h->modelled.end(), name) != h->modelled.end();
      if (!known && !value.is_null()) {
        ignored.push_back(name);
      }
    }
  }
  return ignored;
}

std::vector<std::string> CloudProvider::computed_attributes(const std::string& type) const {
  const auto* h = handler_for(type);
  return h ? h->computed : std::vector<std::string>{};
}

Result<expr::Value> CloudProvider::conform(const std::string& type,
                                           const expr::Value& config) const {
  const auto* h = handler_for(type);
  if (!h) {
    return config;  // validate names the type
  }
  stack::AttributeTypes types = h->schema;
  types.emplace("tags", "map(string)");
  types.emplace("tags_all", "map(string)");
  return stack::conform_to_schema(config, types);
}

Result<expr::Value> CloudProvider::create(const stack::ResourceChange& c) {
  const auto* h = handler_for(c.type);
  if (!h) {
    return unsupported(c.type);
  }
  return h->create(cloud_, c);
}

Result<expr::Value> CloudProvider::update(const stack::ResourceChange& c) {
  const auto* h = handler_for(c.type);
  if (!h) {
    return unsupported(c.type);
  }
  return h->update(cloud_, c);
}

Result<void> CloudProvider::destroy(const stack::ResourceChange& c) {
  const auto* h = handler_for(c.type);
  if (!h) {
    return unsupported(c.type);
  }
  return h->destroy(cloud_, c);
}

}  // namespace faultbox::cloud
