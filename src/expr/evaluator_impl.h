// The tree-walking evaluator behind evaluate() (internal to expr).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "expr/ast.h"
#include "expr/scope.h"

namespace faultbox::expr {

class Evaluator {
 public:
  explicit Evaluator(const Scope& scope) : scope_(scope) {}
  Result<Value> eval(const Node& node);

 private:
  // Names bound by `for` for the lifetime of one iteration.
  class Binding {
   public:
    Binding(Evaluator& e, const std::string& key_var, Value key, const std::string& value_var,
            Value value);
    ~Binding();
    Binding(const Binding&) = delete;
    Binding& operator=(const Binding&) = delete;

   private:
    Evaluator& evaluator_;
    size_t depth_;
  };
  using Items = std::vector<std::pair<Value, Value>>;

  Result<Value> visit(const Node& n, const LiteralNode& d);
  Result<Value> visit(const Node& n, const VariableNode& d);
  Result<Value> visit(const Node& n, const GetAttrNode& d);
  Result<Value> visit(const Node& n, const IndexNode& d);
  Result<Value> visit(const Node& n, const SplatNode& d);
  Result<Value> visit(const Node& n, const SplatItemNode& d);
  Result<Value> visit(const Node& n, const UnaryNode& d);
  Result<Value> visit(const Node& n, const BinaryNode& d);
  Result<Value> visit(const Node& n, const ConditionalNode& d);
  Result<Value> visit(const Node& n, const TupleNode& d);
  Result<Value> visit(const Node& n, const ObjectNode& d);
  Result<Value> visit(const Node& n, const CallNode& d);
  Result<Value> visit(const Node& n, const ForNode& d);
  Result<Value> visit(const Node& n, const TemplateNode& d);
  Result<Value> visit(const Node& n, const TemplateIfNode& d);
  Result<Value> visit(const Node& n, const TemplateForNode& d);

  Result<Value> index_sequence(const Node& n, const IndexNode& d, const Value& seq, Value key);
  Result<Value> logical(const Node& n, const BinaryNode& d);
  Result<Value> arithmetic(const Node& n, BinaryOp op, const Value& lhs, const Value& rhs);
  Result<Value> condition_of(const Node& n, const char* what);
  // nullopt when the collection is unknown.
  Result<std::optional<Items>> items_of(const Node& collection, const char* what);
  Result<Value> for_object(const Node& n, const ForNode& d, const Items& items);
  // The for expression's `if` clause for the current binding: true when it has none.
  Result<Value> for_keeps(const ForNode& d);
  Result<Value> text(const Node& part);

  const Scope& scope_;
  std::vector<std::pair<std::string, Value>> locals_;
  std::vector<Value> splat_items_;
};

}  // namespace faultbox::expr
