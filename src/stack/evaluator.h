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

namespace faultbox::stack {

struct StackPaths {
  std::string module;  // path.module and path.root: the stack directory
  std::string cwd;     // path.cwd
};

// What expressions can see while a stack is walked. Resources start as unknown objects and are
// replaced as the walk learns their (planned or applied) values.
class EvalContext {
 public:
  EvalContext(const Config& config, expr::Value::Attributes variables, StackPaths paths,
              const expr::FunctionRegistry& functions);

  void set_local(const std::string& name, expr::Value value);
  // An uncounted resource's object, or a counted one's tuple of instance objects.
  void set_resource(const std::string& type, const std::string& name, expr::Value value);

  // `count_index` is set inside a counted resource's instance.
  Result<expr::Value> evaluate(const expr::Expression& expression,
                               std::optional<int> count_index = std::nullopt) const;
  // Objects and arrays recursively; null attributes are dropped, as Terraform treats them as
  // unset.
  Result<expr::Value> evaluate_body(const Body& body,
                                    std::optional<int> count_index = std::nullopt) const;
  // A resource's count: a known whole number >= 0; nullopt for a resource without count.
  Result<std::optional<int>> evaluate_count(const ResourceBlock& resource) const;

  const expr::Value::Attributes& variables() const { return variables_; }
  const expr::FunctionRegistry& functions() const { return functions_; }

 private:
  friend class StackScope;
  expr::Value::Attributes variables_;
  expr::Value::Attributes locals_;
  std::map<std::string, expr::Value::Attributes, std::less<>> resources_;  // type -> name -> v
  StackPaths paths_;
  const expr::FunctionRegistry& functions_;
};

// The AWS provider's region (provider.aws.region), else `fallback`; and its default tags.
struct ProviderSettings {
  std::string region;
  expr::Value default_tags;  // object or null
};
Result<ProviderSettings> provider_settings(const Config& config, const EvalContext& context,
                                           const std::string& fallback_region);

}  // namespace faultbox::stack
