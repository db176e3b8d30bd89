// The configuration model of a stack: blocks read from its files, with bodies kept as
// expressions (every JSON string is a template) until evaluation.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "expr/expression.h"
#include "stack/instance_key.h"
#include "stack/type_constraint.h"

namespace faultbox::stack {

// A JSON value with its leaves parsed: an expression, an object of bodies or an array of bodies.
// Nested blocks (`health_check`, `listener`) are plain objects/arrays here.
struct Body {
  // Out of line: a vector of pairs holding a Body needs Body complete, which it is only after
  // this definition (GCC is lenient here, clang is not).
  Body();
  Body(const Body&);
  Body(Body&&) noexcept;
  Body& operator=(const Body&);
  Body& operator=(Body&&) noexcept;
  ~Body();

  enum class Kind { Leaf, Object, Array };
  Kind kind = Kind::Leaf;
  expr::Expression leaf;
  std::vector<std::pair<std::string, Body>> attributes;  // Object, by name (as nlohmann keeps them)
  std::vector<Body> items;                               // Array

  const Body* find(std::string_view key) const;
  // Every expression inside, depth first.
  std::vector<const expr::Expression*> expressions() const;
};

// Where a block came from: "main.tf.json: resource aws_elb.this", or with the line of its
// header in an HCL file, "main.tf:12: resource aws_elb.this".
struct Origin {
  std::string file;
  std::string block;
  int line = 0;  // 0: unknown (JSON and YAML files)
  std::string to_string() const {
    return file + (line > 0 ? ":" + std::to_string(line) : "") + ": " + block;
  }
};

struct Validation {
  expr::Expression condition;
  expr::Expression error_message;
};

// A module path: "" for the root module, "module.vpc", "module.vpc.module.subnets".
// Node keys and addresses inside a module start with its path and a dot.
inline std::string module_prefix(const std::string& module) {
  return module.empty() ? std::string() : module + ".";
}

struct VariableBlock {
  std::string name;
  Origin origin;
  std::string module;
  std::optional<TypeConstraint> type;
  std::optional<expr::Value> default_value;  // absent: the variable is required
  std::string description;
  bool sensitive = false;
  std::vector<Validation> validations;
};

struct LocalBlock {
  std::string name;
  Origin origin;
  std::string module;
  Body value;
};

struct OutputBlock {
  std::string name;
  Origin origin;
  std::string module;
  Body value;
  std::string description;
  bool sensitive = false;
  std::vector<expr::Traversal> depends_on;
};

// A managed resource, or a data source (`data` set): data sources are read, not stored.
struct ResourceBlock {
  std::string type;
  std::string name;
  Origin origin;
  Body body;  // without meta-arguments
  std::optional<expr::Expression> count;
  std::optional<expr::Expression> for_each;
  std::vector<expr::Traversal> depends_on;
  std::string module;
  bool data = false;
  // "module.vpc.aws_subnet.public", "data.aws_ami.web".
  std::string address() const {
    return module_prefix(module) + (data ? "data." : "") + type + "." + name;
  }
};

// A `module "vpc" { source = "../modules/vpc" ... }` call; its blocks are loaded into the same
// Config with `module` set to path().
struct ModuleCall {
  std::string name;
  Origin origin;
  std::string module;     // the calling module's path
  std::string source;     // as written
  std::string directory;  // the source relative to the root stack directory ("../modules/vpc")
  Body arguments;         // input variables, as expressions of the calling module
  std::optional<expr::Expression> count;
  std::optional<expr::Expression> for_each;
  std::vector<expr::Traversal> depends_on;
  // One instance of a call with count or for_each (set by expand_module_instances).
  InstanceKey key;
  expr::Value each_value;
  // "m", "m[0]", "m[\"k\"]": the call's name in its caller's `module` object.
  std::string instance_name() const { return instance_address(name, key); }
  std::string path() const { return module_prefix(module) + "module." + instance_name(); }
};

// A call whose count is 0 or whose for_each is empty: `module.<name>` is still a value in its
// caller, an empty tuple (count) or empty object (for_each).
struct EmptyModuleGroup {
  std::string module;  // the calling module's path
  std::string name;
  bool counted = true;
};

struct RequiredProvider {
  std::string name;     // the local name: "aws"
  std::string source;   // "hashicorp/aws" (a bare "aws" is HashiCorp's)
  std::string version;  // the constraint as written, "" when none
  std::string module;   // where it is required
  std::string file;
};

struct Config {
  std::vector<VariableBlock> variables;
  std::vector<LocalBlock> locals;
  std::vector<OutputBlock> outputs;
  std::vector<ResourceBlock> resources;  // managed resources and data sources, every module
  std::vector<ModuleCall> modules;
  std::vector<EmptyModuleGroup> empty_module_groups;
  std::optional<Body> aws_provider;         // provider.aws: region, default_tags
  std::optional<std::string> backend_path;  // terraform { backend "local" { path } }, root only
  // terraform { required_providers { <local name> = { source, version } } }, every module.
  std::vector<RequiredProvider> required_providers;

  // Root module variables (the ones -var, tfvars and TF_VAR_ set).
  const VariableBlock* find_variable(std::string_view name) const;
  const VariableBlock* find_variable(std::string_view module, std::string_view name) const;
  const ResourceBlock* find_resource(std::string_view type, std::string_view name) const;
  const ModuleCall* find_module(std::string_view path) const;
};

}  // namespace faultbox::stack
