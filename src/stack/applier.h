// Applies a stack: validates everything first, then calls the provider in dependency order,
// keeping the state in step with what exists.
#pragma once

#include "core/result.h"
#include "stack/plan.h"
#include "stack/planner.h"
#include "stack/provider.h"
#include "stack/state.h"

namespace faultbox::stack {

// Plans first (any error there changes nothing), then deletes orphans, then creates and
// updates in dependency order with each body re-evaluated over the now-known values, then
// evaluates the outputs into the state. If a provider call fails, the error names the resource
// and `state` holds exactly what was created, changed or deleted before it.
Result<ApplyResult> apply_stack(const StackContext& stack, State& state, Provider& provider);

// Deletes every instance in `state`, dependents first; clears the outputs. On failure, the
// error names the resource and `state` still holds what was not deleted.
Result<ApplyResult> destroy_stack(State& state, Provider& provider);

}  // namespace faultbox::stack
