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
#include "stack/type_constraint.h"

namespace faultbox::stack {

// A JSON value with its leaves parsed: an expression, an object of bodies or an array of bodies.
// Nested blocks (`health_check`, `listener`) are plain objects/arrays here.
struct Body {
  enum class Kind { Leaf, Object, Array };
  Kind kind = Kind::Leaf;
  expr::Expression leaf;
  std::vector<std::pair<std::string, Body>> attributes;  // Object, by name (as nlohmann keeps them)
  std::vector<Body> items;                               // Array

  const Body* find(std::string_view key) const;
  // Every expression inside, depth first.
  std::vector<const expr::Expression*> expressions() const;
};

// Where a block came from: "main.tf.json: resource aws_elb.this".
struct Origin {
  std::string file;
  std::string block;
  std::string to_string() const { return file + ": " + block; }
};

struct Validation {
  expr::Expression condition;
  expr::Expression error_message;
};

struct VariableBlock {
  std::string name;
  Origin origin;
  std::optional<TypeConstraint> type;
  std::optional<expr::Value> default_value;  // absent: the variable is required
  std::string description;
  bool sensitive = false;
  std::vector<Validation> validations;
};

struct LocalBlock {
  std::string name;
  Origin origin;
  Body value;
};

struct OutputBlock {
  std::string name;
  Origin origin;
  Body value;
  std::string description;
  bool sensitive = false;
  std::vector<expr::Traversal> depends_on;
};

struct ResourceBlock {
  std::string type;
  std::string name;
  Origin origin;
  Body body;  // without meta-arguments
  std::optional<expr::Expression> count;
  std::vector<expr::Traversal> depends_on;
  std::string address() const { return type + "." + name; }
};

struct Config {
  std::vector<VariableBlock> variables;
  std::vector<LocalBlock> locals;
  std::vector<OutputBlock> outputs;
  std::vector<ResourceBlock> resources;
  std::optional<Body> aws_provider;  // provider.aws: region, default_tags

  const VariableBlock* find_variable(std::string_view name) const;
  const ResourceBlock* find_resource(std::string_view type, std::string_view name) const;
};

}  // namespace faultbox::stack
