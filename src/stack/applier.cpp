// Execution of plans against a Provider, recording each step in the state.
#include "stack/applier.h"

#include "stack/walk.h"

namespace faultbox::stack {
namespace {

std::string id_note(const expr::Value& attributes) {
  const expr::Value* id = attributes.is_mapping() ? attributes.find("id") : nullptr;
  return id != nullptr && id->is_string() ? " [id=" + id->as_string() + "]" : "";
}

Result<void> delete_instance(const ResourcePlan& p, State& state, Provider& provider,
                             ApplyResult& result) {
  ResourceChange change{p.type,  p.name, p.address, region_of_state(p.before), expr::Value::null(),
                        p.before};
  auto done = provider.destroy(change);
  if (!done) {
    return errors::validation(p.address + ": destroy failed: " + done.error().message);
  }
  state.remove_instance(p.address);
  ++result.destroyed;
  result.log.push_back(p.address + ": Destruction complete");
  return {};
}

class Applier {
 public:
  Applier(const StackContext& stack, State& state, Provider& provider, std::string region)
      : stack_(stack), state_(state), provider_(provider), region_(std::move(region)) {}

  Result<expr::Value> instance(const ResourceBlock& resource, const InstanceKey& index,
                               const expr::Value& given) {
    std::string address = instance_address(resource.address(), index);
    auto conformed = provider_.conform(resource.type, given);
    if (!conformed) {
      return errors::validation(resource.origin.to_string() + ": " + address + ": " +
                                conformed.error().message);
    }
    const expr::Value& config = *conformed;
    const InstanceState* prior = state_.find_instance(address);
    // A state file keeps sets as JSON arrays: read back by the same schema, a set is a set again.
    expr::Value before = expr::Value::null();
    if (prior != nullptr) {
      auto read = provider_.conform(resource.type, prior->attributes);
      before = read ? *read : prior->attributes;
    }
    if (prior != nullptr && !config_differs(config, before)) {
      return before;
    }
    ResourceChange change{resource.type, resource.name,      address, region_, config,
                          before,        stack_.paths.module};
    auto checked = provider_.validate(change);
    if (!checked) {
      return errors::validation(resource.origin.to_string() + ": " + checked.error().message);
    }
    auto after = prior ? provider_.update(change) : provider_.create(change);
    if (!after) {
      // The service's own error code, as Terraform shows it, with where it happened.
      const Error& e = after.error();
      return Error(e.code, address + ": " + (prior ? "update" : "create") + " failed: " + e.message,
                   e.http_status);
    }
    state_.put_instance(resource.type, resource.name, is_keyed(index),
                        {index, *after, stack_.graph.resource_dependencies(resource.address())},
                        resource.module);
    ++(prior ? result_.changed : result_.added);
    result_.log.push_back(address + (prior ? ": Modifications complete" : ": Creation complete") +
                          id_note(*after));
    return *after;
  }

  ApplyResult& result() { return result_; }

 private:
  const StackContext& stack_;
  State& state_;
  Provider& provider_;
  std::string region_;
  ApplyResult result_;
};

}  // namespace

Result<ApplyResult> apply_stack(const StackContext& stack, State& state, Provider& provider) {
  FAULTBOX_TRY(plan, make_plan(stack, state, provider));
  for (const auto& address : plan.deleted_outside) {
    state.remove_instance(address);
  }
  if (state.lineage.empty()) {
    state.lineage = new_lineage();
  }
  ++state.serial;
  Applier applier(stack, state, provider, plan.region);
  for (const auto& p : plan.resources) {
    if (p.action == Action::Delete) {
      FAULTBOX_TRY_VOID(delete_instance(p, state, provider, applier.result()));
    }
  }
  EvalContext context(stack.config, stack.variables, stack.paths, stack.functions);
  FAULTBOX_TRY(settings, provider_settings(stack.config, context, stack.fallback_region));
  auto on_instance = [&applier](const ResourceBlock& resource, const InstanceKey& index,
                                const expr::Value& config) {
    return applier.instance(resource, index, config);
  };
  DataEnv data_env{settings.region, provider.account_id(), stack.paths.module};
  FAULTBOX_TRY(outputs,
               walk_stack(stack.config, stack.graph, context, settings, data_env, on_instance));
  state.outputs.clear();
  for (const auto& [name, output] : outputs) {
    state.outputs[name] = {output.value, output.sensitive};
  }
  ApplyResult result = std::move(applier.result());
  result.outputs = std::move(outputs);
  return result;
}

Result<ApplyResult> destroy_stack(State& state, Provider& provider) {
  Plan plan = make_destroy_plan(state);
  if (state.lineage.empty()) {
    state.lineage = new_lineage();
  }
  ++state.serial;
  ApplyResult result;
  for (const auto& p : plan.resources) {
    FAULTBOX_TRY_VOID(delete_instance(p, state, provider, result));
  }
  state.outputs.clear();
  return result;
}

}  // namespace faultbox::stack
