// One pass over a stack in dependency order, shared by plan and apply: locals, each resource
// instance (the caller decides what it becomes), then outputs.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "core/result.h"
#include "stack/config.h"
#include "stack/data_sources.h"
#include "stack/evaluator.h"
#include "stack/graph.h"
#include "stack/plan.h"

namespace faultbox::stack {

// Given a resource instance and its evaluated config, returns the value that references to it
// see (planned or applied attributes).
using InstanceFn = std::function<Result<expr::Value>(
    const ResourceBlock& resource, const InstanceKey& index, const expr::Value& config)>;

// Evaluates every node in `graph.order()`: module inputs, locals, data sources (read with
// `data_env`), resource instances (through `on_instance`), module and root outputs. Resource
// configs get `tags_all` (default_tags merged under the resource's own tags) when the provider
// block sets default_tags. Returns the outputs.
Result<std::map<std::string, PlannedOutput>> walk_stack(const Config& config, const Graph& graph,
                                                        EvalContext& context,
                                                        const ProviderSettings& provider,
                                                        const DataEnv& data_env,
                                                        const InstanceFn& on_instance);

// Whether applying `config` over a resource whose state is `state` changes anything: an
// attribute set in config that differs from (or is absent in) the state, or is unknown.
bool config_differs(const expr::Value& config, const expr::Value& state);

}  // namespace faultbox::stack
