// The dependency-ordered walk and the config/state comparison.
#include "stack/walk.h"

#include <algorithm>

namespace faultbox::stack {
namespace {

expr::Value with_default_tags(const expr::Value& config, const expr::Value& default_tags) {
  if (!default_tags.is_mapping() || !config.is_mapping()) {
    return config;
  }
  expr::Value::Attributes tags = default_tags.attributes();
  if (const auto* own = config.find("tags"); own != nullptr && own->is_mapping()) {
    for (const auto& [k, v] : own->attributes()) {
      tags[k] = v;
    }
  }
  expr::Value::Attributes out = config.attributes();
  out["tags_all"] = expr::Value::map(std::move(tags));
  return expr::Value::object(std::move(out));
}

Result<void> walk_resource(const ResourceBlock& resource, EvalContext& context,
                           const ProviderSettings& provider, const InstanceFn& on_instance) {
  FAULTBOX_TRY(count, context.evaluate_count(resource));
  if (!count) {
    FAULTBOX_TRY(config, context.evaluate_body(resource.body));
    FAULTBOX_TRY(value, on_instance(resource, std::nullopt,
                                    with_default_tags(config, provider.default_tags)));
    context.set_resource(resource.type, resource.name, std::move(value));
    return {};
  }
  expr::Value::Elements instances;
  for (int i = 0; i < *count; ++i) {
    FAULTBOX_TRY(config, context.evaluate_body(resource.body, i));
    FAULTBOX_TRY(value, on_instance(resource, i, with_default_tags(config, provider.default_tags)));
    instances.push_back(std::move(value));
  }
  context.set_resource(resource.type, resource.name, expr::Value::tuple(std::move(instances)));
  return {};
}

}  // namespace

Result<std::map<std::string, PlannedOutput>> walk_stack(const Config& config, const Graph& graph,
                                                        EvalContext& context,
                                                        const ProviderSettings& provider,
                                                        const InstanceFn& on_instance) {
  std::map<std::string, PlannedOutput> outputs;
  for (const auto& key : graph.order()) {
    auto dot = key.find('.');
    std::string kind = key.substr(0, dot);
    std::string name = key.substr(dot + 1);
    if (kind == "local") {
      auto it = std::find_if(config.locals.begin(), config.locals.end(),
                             [&](const LocalBlock& l) { return l.name == name; });
      FAULTBOX_TRY(value, context.evaluate_body(it->value));
      context.set_local(name, std::move(value));
    } else if (kind == "output") {
      auto it = std::find_if(config.outputs.begin(), config.outputs.end(),
                             [&](const OutputBlock& o) { return o.name == name; });
      FAULTBOX_TRY(value, context.evaluate_body(it->value));
      outputs[name] = {std::move(value), it->sensitive};
    } else if (kind != "var") {
      const ResourceBlock* resource = config.find_resource(kind, name);
      FAULTBOX_TRY_VOID(walk_resource(*resource, context, provider, on_instance));
    }
  }
  return outputs;
}

bool config_differs(const expr::Value& config, const expr::Value& state) {
  if (!config.is_mapping()) {
    return !(config == state);
  }
  for (const auto& [key, value] : config.attributes()) {
    const expr::Value* prior = state.is_mapping() ? state.find(key) : nullptr;
    if (!value.is_wholly_known() || prior == nullptr || !(value == *prior)) {
      return true;
    }
  }
  return false;
}

}  // namespace faultbox::stack
