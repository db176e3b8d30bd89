// Entry points for the lab: plan, apply and destroy a stack sent by the CLI.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "expr/function_registry.h"
#include "stack/config.h"
#include "stack/graph.h"
#include "stack/plan.h"
#include "stack/provider.h"
#include "stack/state.h"
#include "stack/variables.h"

namespace faultbox::stack {

struct StackInput {
  // The stack directory's files, name -> content: *.tf.json, *.tf.yaml, *.tf.yml,
  // terraform.tfvars(.json), *.auto.tfvars(.json); other names are ignored.
  std::map<std::string, std::string> files;
  NamedTexts var_files;                       // --var-file, in order: name -> content
  NamedTexts vars;                            // --var name=value, in order
  std::map<std::string, std::string> env;     // TF_VAR_name -> value
  std::string directory = ".";                // path.module; file() reads relative to it
  std::string cwd = ".";                      // path.cwd
  std::string fallback_region = "us-east-1";  // when provider.aws sets no region
  const Clock* clock = nullptr;  // what timestamp() reads at apply; the system clock if unset
};

// A loaded, checked stack: configuration, dependency graph, variable values, functions.
struct LoadedStack {
  Config config;
  Graph graph;
  expr::Value::Attributes variables;
  expr::FunctionRegistry functions;
};

// Loads files, resolves variables and builds the graph. Every configuration error (syntax,
// unsupported blocks, bad templates, references, cycles, variables) is reported here.
Result<LoadedStack> load_stack(const StackInput& input);

// The state file a `terraform { backend "local" { path = ... } }` block names, absolute (relative
// paths are the stack directory's); nullopt without a backend block. Reads only the files.
Result<std::optional<std::string>> backend_state_path(const StackInput& input);

// What apply would do; calls only Provider::validate and computed_attributes.
Result<Plan> plan(const StackInput& input, const State& current, const Provider& provider);

// Applies the stack. An error found before the first provider create/update/destroy leaves
// `state` untouched; a provider failure mid-way names the resource and leaves `state` matching
// what exists (save it either way).
Result<ApplyResult> apply(const StackInput& input, State& state, Provider& provider);

// What destroy would do.
Plan destroy_plan(const State& state);
// Deletes everything in `state`, dependents first.
Result<ApplyResult> destroy(State& state, Provider& provider);

}  // namespace faultbox::stack
