// Input variable values, from defaults, TF_VAR_ environment, tfvars files and --var, checked
// against each variable's type and validation blocks.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "expr/function_registry.h"
#include "expr/value.h"
#include "stack/config.h"

namespace faultbox::stack {

using NamedTexts = std::vector<std::pair<std::string, std::string>>;

struct VariableSources {
  // The stack's own files; terraform.tfvars(.json) and *.auto.tfvars(.json) are read from here.
  const std::map<std::string, std::string>* stack_files = nullptr;
  NamedTexts var_files;                    // --var-file, in order: name -> content
  NamedTexts vars;                         // --var name=value, in order
  std::map<std::string, std::string> env;  // TF_VAR_name -> value (or name -> value)
};

// Every declared variable's value, by name. Precedence, lowest first: default, TF_VAR_ env,
// terraform.tfvars, *.auto.tfvars (name order), --var-file (in order), --var (in order).
// Errors: a required variable without a value; a value of the wrong type (naming the variable,
// the source and both types); a value for an undeclared variable; a failing validation block
// (its error_message).
Result<expr::Value::Attributes> resolve_variables(const Config& config,
                                                  const VariableSources& sources,
                                                  const expr::FunctionRegistry& functions);

// A module's input variable: the module call's argument (`given`, evaluated in the calling
// module), else the default, converted to the variable's type and validated. `call` names the
// module block for errors ("main.tf: module vpc").
Result<expr::Value> module_variable_value(const VariableBlock& v,
                                          const std::optional<expr::Value>& given,
                                          const std::string& call,
                                          const expr::FunctionRegistry& functions);

}  // namespace faultbox::stack
