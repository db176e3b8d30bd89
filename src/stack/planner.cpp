// Builds a Plan by walking the stack with planned (partly unknown) values.
#include "stack/planner.h"

#include <algorithm>
#include <set>

#include "stack/state.h"
#include "stack/walk.h"

namespace faultbox::stack {
namespace {

Result<void> check_types(const Config& config, const Provider& provider) {
  auto types = provider.resource_types();
  for (const auto& r : config.resources) {
    if (r.data) {
      const auto& known = data_source_types();
      if (std::find(known.begin(), known.end(), r.type) == known.end()) {
        return errors::validation(r.origin.to_string() + ": data source type \"" + r.type +
                                  "\" is not supported by the lab");
      }
      continue;
    }
    if (std::find(types.begin(), types.end(), r.type) == types.end()) {
      return errors::validation(r.origin.to_string() + ": unknown resource type \"" + r.type +
                                "\"");
    }
  }
  return {};
}

// The state's instances whose resources are gone from the lab: deleted outside the stack (by an
// API call, an experiment's terminate, another stack's destroy). Terraform's refresh.
std::set<std::string> gone_from_lab(const State& state, const Provider& provider,
                                    const std::string& region) {
  std::set<std::string> gone;
  for (const auto& r : state.resources) {
    for (const auto& i : r.instances) {
      std::string address = instance_address(r.address(), i.index);
      std::string where = region_of_state(i.attributes);
      ResourceChange change{
          r.type,      r.name, address, where.empty() ? region : where, expr::Value::null(),
          i.attributes};
      if (!provider.exists(change)) {
        gone.insert(address);
      }
    }
  }
  return gone;
}

Result<ResourcePlan> plan_instance(const ResourceBlock& resource, const InstanceKey& index,
                                   const expr::Value& given, const State& state,
                                   const std::set<std::string>& gone, const Provider& provider,
                                   const std::string& region) {
  auto conformed = provider.conform(resource.type, given);
  if (!conformed) {
    return errors::validation(resource.origin.to_string() + ": " +
                              instance_address(resource.address(), index) + ": " +
                              conformed.error().message);
  }
  const expr::Value& config = *conformed;
  ResourcePlan p;
  p.address = instance_address(resource.address(), index);
  p.type = resource.type;
  p.name = resource.name;
  p.index = index;
  p.after = config;
  const InstanceState* prior = gone.count(p.address) ? nullptr : state.find_instance(p.address);
  if (prior != nullptr) {
    // A state file keeps sets as JSON arrays: read back by the same schema, a set is a set again.
    auto before = provider.conform(resource.type, prior->attributes);
    p.before = before ? *before : prior->attributes;
    p.action = config_differs(config, p.before) ? Action::Update : Action::NoOp;
  } else {
    p.action = Action::Create;
  }
  ResourceChange change{p.type, p.name, p.address, region, config, p.before};
  auto ignored = provider.validate(change);
  if (!ignored) {
    return errors::validation(resource.origin.to_string() + ": " + ignored.error().message);
  }
  p.ignored = std::move(*ignored);
  return p;
}

void mark_output_changes(const State& state, std::map<std::string, PlannedOutput>& outputs,
                         Plan& plan) {
  for (auto& [name, output] : outputs) {
    auto prior = state.outputs.find(name);
    output.change = prior == state.outputs.end()             ? Action::Create
                    : !(prior->second.value == output.value) ? Action::Update
                                                             : Action::NoOp;
  }
  for (const auto& [name, prior] : state.outputs) {
    if (!outputs.count(name)) {
      plan.removed_outputs.push_back(name);
    }
  }
  plan.outputs = std::move(outputs);
}

}  // namespace

expr::Value planned_value(const expr::Value& config, const expr::Value& prior,
                          const std::vector<std::string>& computed) {
  expr::Value::Attributes out;
  if (prior.is_mapping()) {
    out = prior.attributes();
  } else {
    for (const auto& name : computed) {
      out[name] = expr::Value::unknown();
    }
  }
  if (config.is_mapping()) {
    for (const auto& [key, value] : config.attributes()) {
      out[key] = value;
    }
  }
  return expr::Value::object(std::move(out));
}

std::vector<ResourcePlan> planned_deletes(const State& state,
                                          const std::vector<std::string>& addresses) {
  std::map<std::string, std::vector<std::string>> deps;
  std::map<std::string, ResourcePlan> by_address;
  for (const auto& r : state.resources) {
    for (const auto& i : r.instances) {
      std::string address = instance_address(r.address(), i.index);
      if (std::find(addresses.begin(), addresses.end(), address) == addresses.end()) {
        continue;
      }
      // Dependencies name resources; every instance of one counts.
      for (const auto& d : i.dependencies) {
        for (const auto& other : addresses) {
          if (other == d || other.rfind(d + "[", 0) == 0) {
            deps[address].push_back(other);
          }
        }
      }
      by_address[address] = ResourcePlan{address,
                                         r.type,
                                         r.name,
                                         i.index,
                                         Action::Delete,
                                         i.attributes,
                                         expr::Value::null(),
                                         {},
                                         i.dependencies};
    }
  }
  std::vector<ResourcePlan> out;
  for (const auto& address : destroy_order(addresses, deps)) {
    out.push_back(by_address[address]);
  }
  return out;
}

Plan make_destroy_plan(const State& state) {
  Plan plan;
  plan.resources = planned_deletes(state, state.instance_addresses());
  return plan;
}

Result<Plan> make_plan(const StackContext& stack, const State& state, const Provider& provider) {
  FAULTBOX_TRY_VOID(check_types(stack.config, provider));
  // uuid() and timestamp() are unknown in a plan; apply evaluates them with stack.functions.
  expr::FunctionRegistry functions = stack.functions;
  functions.set_planning(true);
  EvalContext context(stack.config, stack.variables, stack.paths, functions);
  FAULTBOX_TRY(settings, provider_settings(stack.config, context, stack.fallback_region));
  Plan plan;
  plan.region = settings.region;
  auto gone = gone_from_lab(state, provider, settings.region);
  plan.deleted_outside.assign(gone.begin(), gone.end());
  std::vector<ResourcePlan> changes;
  auto on_instance = [&](const ResourceBlock& resource, const InstanceKey& index,
                         const expr::Value& config) -> Result<expr::Value> {
    FAULTBOX_TRY(p, plan_instance(resource, index, config, state, gone, provider, settings.region));
    p.dependencies = stack.graph.resource_dependencies(resource.address());
    expr::Value seen =
        p.action == Action::NoOp
            ? p.before
            : planned_value(config, p.before, provider.computed_attributes(resource.type));
    changes.push_back(std::move(p));
    return seen;
  };
  DataEnv data_env{settings.region, provider.account_id(), stack.paths.module};
  FAULTBOX_TRY(outputs,
               walk_stack(stack.config, stack.graph, context, settings, data_env, on_instance));
  std::set<std::string> configured;
  for (const auto& c : changes) {
    configured.insert(c.address);
  }
  std::vector<std::string> orphans;
  for (const auto& address : state.instance_addresses()) {
    if (!configured.count(address) && !gone.count(address)) {
      orphans.push_back(address);
    }
  }
  for (const auto& c : changes) {
    ResourceChange change{c.type, c.name, c.address, settings.region, c.after, expr::Value::null()};
    if (c.action == Action::Create && provider.created_unrecorded(change)) {
      plan.created_unrecorded.push_back(c.address);
    }
  }
  plan.resources = planned_deletes(state, orphans);
  plan.resources.insert(plan.resources.end(), changes.begin(), changes.end());
  mark_output_changes(state, outputs, plan);
  return plan;
}

int Plan::count(Action action) const {
  return static_cast<int>(std::count_if(resources.begin(), resources.end(),
                                        [&](const ResourcePlan& r) { return r.action == action; }));
}

bool Plan::has_changes() const {
  return count(Action::Create) + count(Action::Update) + count(Action::Delete) > 0;
}

}  // namespace faultbox::stack
