// Evaluation of a stack's expressions: the scope (var, local, resources, count, path,
// terraform) and bodies evaluated into object values.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "core/result.h"
#include "expr/function_registry.h"
#include "expr/value.h"
#include "stack/config.h"
#include "stack/instance_key.h"

namespace faultbox::stack {

struct StackPaths {
  std::string module;  // path.module and path.root: the stack directory
  std::string cwd;     // path.cwd
};

// Where an expression is evaluated: its module and, inside a resource with count or for_each,
// the instance's count.index or each.key (with each.value).
struct Frame {
  std::string module;  // "" for the root module
  InstanceKey key;
  expr::Value each_value;
};

// A for_each's instances: each.key -> each.value, in key order.
using ForEachItems = std::map<std::string, expr::Value>;

// What expressions can see while a stack is walked, module by module. Resources, data sources
// and module outputs start unknown and are replaced as the walk learns their values.
class EvalContext {
 public:
  EvalContext(const Config& config, expr::Value::Attributes variables, StackPaths paths,
              const expr::FunctionRegistry& functions);

  void set_local(const std::string& module, const std::string& name, expr::Value value);
  void set_variable(const std::string& module, const std::string& name, expr::Value value);
  // An uncounted resource's object, or a counted one's tuple of instance objects.
  void set_resource(const ResourceBlock& resource, expr::Value value);
  // One output of a module (set in its caller's `module.<name>` object).
  void set_module_output(const std::string& module, const std::string& name, expr::Value value);

  Result<expr::Value> evaluate(const expr::Expression& expression, const Frame& frame = {}) const;
  // Objects and arrays recursively; null attributes are dropped, as Terraform treats them as
  // unset.
  Result<expr::Value> evaluate_body(const Body& body, const Frame& frame = {}) const;
  // A resource's count: a known whole number >= 0; nullopt for a resource without count.
  Result<std::optional<int>> evaluate_count(const ResourceBlock& resource) const;
  // A resource's for_each: a known map or object (keys and values) or set of strings (each
  // value its key); nullopt for a resource without for_each.
  Result<std::optional<ForEachItems>> evaluate_for_each(const ResourceBlock& resource) const;

  const expr::Value::Attributes& variables() const { return root_variables_; }
  const expr::FunctionRegistry& functions() const { return functions_; }
  // path.module: the root directory joined with the module's source directory.
  std::string module_directory(const std::string& module) const;

 private:
  friend class StackScope;
  struct ModuleValues {
    expr::Value::Attributes variables;
    expr::Value::Attributes locals;
    std::map<std::string, expr::Value::Attributes, std::less<>> resources;  // type -> name -> v
    std::map<std::string, expr::Value::Attributes, std::less<>> data;
    std::map<std::string, expr::Value::Attributes, std::less<>> modules;  // call -> outputs
    std::map<std::string, bool, std::less<>> empty_groups;  // call -> counted (else for_each)
  };
  ModuleValues& values(const std::string& module) { return modules_[module]; }
  expr::Value::Attributes root_variables_;
  std::map<std::string, ModuleValues> modules_;
  std::map<std::string, std::string> directories_;  // module path -> source directory
  StackPaths paths_;
  const expr::FunctionRegistry& functions_;
};

// The AWS provider's region (provider.aws.region), else `fallback`; and its default tags.
struct ProviderSettings {
  std::string region;
  const Body* body = nullptr;  // provider "aws", if any: its default_tags are read per resource
};
Result<ProviderSettings> provider_settings(const Config& config, const EvalContext& context,
                                           const std::string& fallback_region);
// The provider's default_tags (an object, or null), evaluated now: each resource reads them when
// it is evaluated, after what they refer to (the graph makes every resource depend on the
// provider's references: `Project = local.name` is not known before the local is).
Result<expr::Value> provider_default_tags(const ProviderSettings& provider,
                                          const EvalContext& context);

}  // namespace faultbox::stack
