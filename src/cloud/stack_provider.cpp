#include "cloud/stack_provider.h"

#include <algorithm>

#include "cloud/resource_handler.h"
#include "cloud/stack_resources/stack_resources.h"

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

// The name a change gives a resource of a uniquely named type ("" when it leaves it to AWS).
std::string configured_name(const UniqueName& unique, const stack::ResourceChange& c) {
  auto name = ValueReader(c.config, c.address)
                  .string(unique.attribute, unique.label_is_default ? c.name : "");
  return name ? *name : "";
}

// The name a state records for it (its id where the attribute was left to the default).
std::string recorded_name(const UniqueName& unique, const expr::Value& state) {
  auto name = state_string(state, unique.attribute);
  return name.empty() ? state_string(state, "id") : name;
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

std::optional<stack::ResourceChange> CloudProvider::unrecorded(
    const stack::ResourceChange& c) const {
  const auto* earlier = cloud_.kind<StackResources>().find(stack_, c.address);
  if (earlier == nullptr || earlier->type != c.type) {
    return std::nullopt;
  }
  stack::ResourceChange resumed = c;
  resumed.state = expr::from_json(earlier->state);
  if (!exists(resumed)) {
    return std::nullopt;
  }
  return resumed;
}

bool CloudProvider::created_unrecorded(const stack::ResourceChange& c) const {
  return unrecorded(c).has_value();
}

Result<expr::Value> CloudProvider::create(const stack::ResourceChange& c) {
  const auto* h = handler_for(c.type);
  if (!h) {
    return unsupported(c.type);
  }
  // Created by this stack, but its state file never said so (the lab stopped mid-apply):
  // finish the create as an update of what is there.
  if (auto resumed = unrecorded(c)) {
    return recorded(c, h->update(cloud_, *resumed));
  }
  cloud_.kind<StackResources>().forget(stack_, c.address);  // gone since, if it was recorded
  if (h->unique_name) {
    auto name = configured_name(*h->unique_name, c);
    if (!name.empty() && h->unique_name->held(cloud_, c.region, name)) {
      return name_taken(*h->unique_name, c, name);
    }
  }
  return recorded(c, h->create(cloud_, c));
}

Result<expr::Value> CloudProvider::update(const stack::ResourceChange& c) {
  const auto* h = handler_for(c.type);
  if (!h) {
    return unsupported(c.type);
  }
  return recorded(c, h->update(cloud_, c));
}

Result<void> CloudProvider::destroy(const stack::ResourceChange& c) {
  const auto* h = handler_for(c.type);
  if (!h) {
    return unsupported(c.type);
  }
  FAULTBOX_TRY_VOID(h->destroy(cloud_, c));
  cloud_.kind<StackResources>().forget(stack_, c.address);
  return {};
}

bool CloudProvider::exists(const stack::ResourceChange& c) const {
  const auto* h = handler_for(c.type);
  if (!h) {
    return true;
  }
  if (h->unique_name) {
    auto name = recorded_name(*h->unique_name, c.state);
    return name.empty() || h->unique_name->held(cloud_, c.region, name);
  }
  return !h->still_there || h->still_there(cloud_, c);
}

Result<expr::Value> CloudProvider::recorded(const stack::ResourceChange& c,
                                            Result<expr::Value> made) {
  if (made) {
    cloud_.kind<StackResources>().record(
        {stack_, c.address, c.type, c.region, expr::to_json(*made)});
  }
  return made;
}

Error CloudProvider::name_taken(const UniqueName& unique, const stack::ResourceChange& c,
                                const std::string& name) const {
  Error error = unique.already_exists(name);
  if (!error.message.ends_with('.')) {
    error.message += '.';
  }
  const auto& owned = cloud_.kind<StackResources>();
  const auto* owner =
      owned.holder(c.type, unique.account_wide ? "" : c.region, unique.attribute, name);
  if (owner == nullptr) {
    owner = owned.holder(c.type, unique.account_wide ? "" : c.region, "id", name);
  }
  error.message += owner == nullptr
                       ? " No stack on this lab claims it."
                       : " It belongs to the stack in " + owner->stack + " (" + owner->address +
                             "); pick another name, or destroy that stack first.";
  return error;
}

}  // namespace faultbox::cloud
