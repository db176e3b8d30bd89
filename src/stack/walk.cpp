// The dependency-ordered walk and the config/state comparison.
#include "stack/walk.h"

#include <algorithm>
#include <functional>

#include "expr/evaluation_budget.h"
#include "stack/variables.h"

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

// Evaluates one value per instance of a resource or data source (as its count or for_each
// says) and stores what references see: an object, a tuple by count.index, or an object by
// each.key.
Result<void> walk_instances(
    const ResourceBlock& resource, EvalContext& context,
    const std::function<Result<expr::Value>(const Frame& frame)>& instance) {
  FAULTBOX_TRY(count, context.evaluate_count(resource));
  FAULTBOX_TRY(for_each, context.evaluate_for_each(resource));
  if (for_each) {
    expr::Value::Attributes instances;
    for (const auto& [key, value] : *for_each) {
      FAULTBOX_TRY_VOID(expr::EvaluationBudget::spend_step());  // even for an empty body
      FAULTBOX_TRY(v, instance(Frame{resource.module, key, value}));
      instances[key] = std::move(v);
    }
    context.set_resource(resource, expr::Value::object(std::move(instances)));
  } else if (count) {
    expr::Value::Elements instances;
    for (int i = 0; i < *count; ++i) {
      FAULTBOX_TRY_VOID(expr::EvaluationBudget::spend_step());
      FAULTBOX_TRY(v, instance(Frame{resource.module, i, {}}));
      instances.push_back(std::move(v));
    }
    context.set_resource(resource, expr::Value::tuple(std::move(instances)));
  } else {
    FAULTBOX_TRY(v, instance(Frame{resource.module, {}, {}}));
    context.set_resource(resource, std::move(v));
  }
  return {};
}

Result<void> walk_resource(const ResourceBlock& resource, EvalContext& context,
                           const ProviderSettings& provider, const InstanceFn& on_instance) {
  return walk_instances(resource, context, [&](const Frame& frame) -> Result<expr::Value> {
    FAULTBOX_TRY(config, context.evaluate_body(resource.body, frame));
    FAULTBOX_TRY(default_tags, provider_default_tags(provider, context));
    return on_instance(resource, frame.key, with_default_tags(config, default_tags));
  });
}

Result<void> walk_data(const ResourceBlock& data, EvalContext& context, const DataEnv& env) {
  return walk_instances(data, context, [&](const Frame& frame) -> Result<expr::Value> {
    FAULTBOX_TRY(config, context.evaluate_body(data.body, frame));
    auto value = read_data_source(data.type, config, env);
    if (!value) {
      return errors::validation(data.origin.to_string() + ": " + value.error().message);
    }
    return value;
  });
}

Result<void> walk_module_variable(const Config& config, const VariableBlock& v,
                                  EvalContext& context) {
  const ModuleCall* call = config.find_module(v.module);
  std::optional<expr::Value> given;
  if (const Body* argument = call->arguments.find(v.name)) {
    FAULTBOX_TRY(
        value, context.evaluate_body(*argument, Frame{call->module, call->key, call->each_value}));
    given = std::move(value);
  }
  FAULTBOX_TRY(value,
               module_variable_value(v, given, call->origin.to_string(), context.functions()));
  context.set_variable(v.module, v.name, std::move(value));
  return {};
}

}  // namespace

Result<std::map<std::string, PlannedOutput>> walk_stack(const Config& config, const Graph& graph,
                                                        EvalContext& context,
                                                        const ProviderSettings& provider,
                                                        const DataEnv& data_env,
                                                        const InstanceFn& on_instance) {
  std::map<std::string, PlannedOutput> outputs;
  for (const auto& key : graph.order()) {
    const GraphNode& node = graph.node(key);
    switch (node.kind) {
      case GraphNode::Kind::Variable:
      case GraphNode::Kind::ModuleCall:
        break;
      case GraphNode::Kind::ModuleVariable:
        FAULTBOX_TRY_VOID(walk_module_variable(config, config.variables[node.index], context));
        break;
      case GraphNode::Kind::Local: {
        const auto& l = config.locals[node.index];
        FAULTBOX_TRY(value, context.evaluate_body(l.value, Frame{l.module, {}}));
        context.set_local(l.module, l.name, std::move(value));
        break;
      }
      case GraphNode::Kind::Output: {
        const auto& o = config.outputs[node.index];
        FAULTBOX_TRY(value, context.evaluate_body(o.value, Frame{o.module, {}}));
        if (o.module.empty()) {
          outputs[o.name] = {std::move(value), o.sensitive};
        } else {
          context.set_module_output(o.module, o.name, std::move(value));
        }
        break;
      }
      case GraphNode::Kind::Resource: {
        const auto& r = config.resources[node.index];
        if (r.data) {
          FAULTBOX_TRY_VOID(walk_data(r, context, data_env));
        } else {
          FAULTBOX_TRY_VOID(walk_resource(r, context, provider, on_instance));
        }
        break;
      }
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
