// Syntax tree of HCL native expressions and templates. Nodes are immutable and shared.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "expr/source_pos.h"
#include "expr/value.h"

namespace faultbox::expr {

struct Node;
using NodePtr = std::shared_ptr<const Node>;

enum class UnaryOp { Negate, Not };
enum class BinaryOp { Add, Sub, Mul, Div, Mod, Lt, Le, Gt, Ge, Eq, Ne, And, Or };

struct LiteralNode {
  Value value;
};
struct VariableNode {
  std::string name;
};
struct GetAttrNode {
  NodePtr source;
  std::string name;
};
struct IndexNode {
  NodePtr source;
  NodePtr key;
};
// `source[*].each` / `source.*.each`: `each` is evaluated once per element, reading it through a
// SplatItemNode.
struct SplatNode {
  NodePtr source;
  NodePtr each;
};
struct SplatItemNode {};
struct UnaryNode {
  UnaryOp op;
  NodePtr operand;
};
struct BinaryNode {
  BinaryOp op;
  NodePtr lhs;
  NodePtr rhs;
};
struct ConditionalNode {
  NodePtr condition;
  NodePtr then_expr;
  NodePtr else_expr;
};
struct TupleNode {
  std::vector<NodePtr> items;
};
struct ObjectNode {
  std::vector<std::pair<NodePtr, NodePtr>> items;
};
struct CallNode {
  std::string name;
  std::vector<NodePtr> args;
  bool expand_last = false;  // `f(a, list...)`
};
// `[for k, v in coll : value if cond]`; key_expr is set for the object form `{for ... : k => v}`.
struct ForNode {
  std::string key_var;  // empty when only one variable is named
  std::string value_var;
  NodePtr collection;
  NodePtr key_expr;
  NodePtr value_expr;
  NodePtr condition;
  bool grouping = false;  // `k => v...`
};
// Parts are concatenated as strings.
struct TemplateNode {
  std::vector<NodePtr> parts;
};
struct TemplateIfNode {
  NodePtr condition;
  NodePtr then_part;
  NodePtr else_part;
};
struct TemplateForNode {
  std::string key_var;
  std::string value_var;
  NodePtr collection;
  NodePtr body;
};

struct Node {
  using Data =
      std::variant<LiteralNode, VariableNode, GetAttrNode, IndexNode, SplatNode, SplatItemNode,
                   UnaryNode, BinaryNode, ConditionalNode, TupleNode, ObjectNode, CallNode, ForNode,
                   TemplateNode, TemplateIfNode, TemplateForNode>;
  SourcePos pos;
  Data data;
};

template <class T>
NodePtr make_node(const SourcePos& pos, T data) {
  return std::make_shared<const Node>(Node{pos, Node::Data(std::move(data))});
}

// How a traversal reads in messages: "aws_elb.this", "var.list[0]", or "expression".
std::string describe(const Node& node);

}  // namespace faultbox::expr
