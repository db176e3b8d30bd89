// Plans a stack: each resource instance's evaluated config against the stored state.
#pragma once

#include <string>

#include "core/result.h"
#include "expr/function_registry.h"
#include "stack/config.h"
#include "stack/evaluator.h"
#include "stack/graph.h"
#include "stack/plan.h"
#include "stack/provider.h"
#include "stack/state.h"

namespace faultbox::stack {

// Everything evaluation needs once a configuration is loaded and its variables resolved.
struct StackContext {
  const Config& config;
  const Graph& graph;
  const expr::Value::Attributes& variables;
  StackPaths paths;
  const expr::FunctionRegistry& functions;
  std::string fallback_region = "us-east-1";
};

// Creates instances missing from the state, updates those whose config differs, deletes state
// instances no longer configured. Calls only Provider::validate and computed_attributes.
// Errors: an unknown resource type, evaluation errors, a bad count, validation failures, each
// naming the resource.
Result<Plan> make_plan(const StackContext& stack, const State& state, const Provider& provider);

// Deletes every instance in the state, dependents first.
Plan make_destroy_plan(const State& state);

// Deletes of the state instances in `addresses`, ordered dependents first.
std::vector<ResourcePlan> planned_deletes(const State& state,
                                          const std::vector<std::string>& addresses);

// The value references see for an instance before apply: prior state overlaid with config,
// and on create the provider's computed attributes unknown.
expr::Value planned_value(const expr::Value& config, const expr::Value& prior,
                          const std::vector<std::string>& computed);

}  // namespace faultbox::stack
