// Public entry points: parse HCL expressions and templates, list what they reference.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "expr/ast.h"

namespace faultbox::expr {

// A parsed expression; cheap to copy (the tree is shared).
class Expression {
 public:
  Expression() = default;
  explicit Expression(NodePtr root) : root_(std::move(root)) {}
  const Node& root() const { return *root_; }
  const SourcePos& pos() const { return root_->pos; }

 private:
  NodePtr root_ = make_node(SourcePos{}, LiteralNode{});
};

// An expression in native syntax, e.g. `var.count * 2`. Errors carry origin-relative positions
// ("main.tf.json:3:14: expected ']' ...").
Result<Expression> parse_expression(std::string_view src, const SourcePos& origin);

// A whole template, as every JSON string in *.tf.json is: literal text with `${ }` and `%{ }`.
// A template that is exactly one `${ expr }` yields that expression (its value is not turned
// into a string), as Terraform does.
Result<Expression> parse_template(std::string_view src, const SourcePos& origin);

// A variable reference: a root name and the static attribute/index steps after it.
struct Traversal {
  std::string root;
  std::vector<Value> steps;  // attribute names and string keys as strings, indexes as numbers
  SourcePos pos;

  // Root and steps as text: {"aws_elb", "this", "dns_name"}.
  std::vector<std::string> parts() const;
  // "aws_elb.this.dns_name", "var.list[0]".
  std::string to_string() const;
};

// Every traversal the expression reads, in source order, excluding names bound by `for`
// expressions and template `for` directives. Steps stop at the first dynamic index or splat.
std::vector<Traversal> references(const Expression& expression);

}  // namespace faultbox::expr
