// count and for_each on module blocks: each instance of a call becomes its own module path
// ("module.m[0]", "module.m[\"k\"]") with its own copy of the module's blocks, before the graph
// is built. Calls are expanded outermost first, at any depth ("module.app[1].module.net[0]").
// The count or for_each of a call is evaluated from its calling module instance's variables and
// locals as far as they are known before apply (resources are not known yet at that point). A
// call with no instances is recorded in Config::empty_module_groups.
#pragma once

#include "core/result.h"
#include "expr/function_registry.h"
#include "stack/config.h"

namespace faultbox::stack {

Result<void> expand_module_instances(Config& config, const expr::Value::Attributes& variables,
                                     const expr::FunctionRegistry& functions);

}  // namespace faultbox::stack
