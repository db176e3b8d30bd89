// Wiring of loader, variables, graph, planner and applier behind the lab's entry points.
#include "stack/stack.h"

#include <filesystem>

#include "stack/applier.h"
#include "stack/config_loader.h"
#include "stack/module_instances.h"
#include "stack/planner.h"

namespace faultbox::stack {
namespace {

StackContext context_of(const LoadedStack& loaded, const StackInput& input) {
  return StackContext{loaded.config,    loaded.graph,
                      loaded.variables, StackPaths{input.directory, input.cwd},
                      loaded.functions, input.fallback_region};
}

}  // namespace

Result<LoadedStack> load_stack(const StackInput& input) {
  FAULTBOX_TRY(config, load_config(input.files));
  auto functions = expr::standard_functions(input.directory);
  functions.set_clock(input.clock);
  VariableSources sources{&input.files, input.var_files, input.vars, input.env};
  FAULTBOX_TRY(variables, resolve_variables(config, sources, functions));
  FAULTBOX_TRY_VOID(expand_module_instances(config, variables, functions));
  FAULTBOX_TRY(graph, Graph::build(config));
  return LoadedStack{std::move(config), std::move(graph), std::move(variables),
                     std::move(functions)};
}

Result<std::optional<std::string>> backend_state_path(const StackInput& input) {
  FAULTBOX_TRY(config, load_config(input.files));
  if (!config.backend_path) {
    return std::optional<std::string>();
  }
  std::filesystem::path path(*config.backend_path);
  if (path.is_relative()) {
    path = std::filesystem::path(input.directory) / path;
  }
  return std::optional<std::string>(path.lexically_normal().string());
}

Result<Plan> plan(const StackInput& input, const State& current, const Provider& provider) {
  FAULTBOX_TRY(loaded, load_stack(input));
  return make_plan(context_of(loaded, input), current, provider);
}

Result<ApplyResult> apply(const StackInput& input, State& state, Provider& provider) {
  FAULTBOX_TRY(loaded, load_stack(input));
  return apply_stack(context_of(loaded, input), state, provider);
}

Plan destroy_plan(const State& state) { return make_destroy_plan(state); }

Result<ApplyResult> destroy(State& state, Provider& provider) {
  return destroy_stack(state, provider);
}

}  // namespace faultbox::stack
