// count and for_each on module blocks: each instance of a call becomes its own module path
// ("module.m[0]", "module.m[\"k\"]") with its own copy of the module's blocks, before the graph
// is built. The count or for_each of a module call is evaluated from the root module's
// variables and locals only (resources are not known yet at that point).
#pragma once

#include "core/result.h"
#include "expr/function_registry.h"
#include "stack/config.h"

namespace faultbox::stack {

Result<void> expand_module_instances(Config& config, const expr::Value::Attributes& variables,
                                     const expr::FunctionRegistry& functions);

}  // namespace faultbox::stack
