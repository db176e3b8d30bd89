// references(): the variable traversals an expression reads, for dependency graphs.
#include <set>

#include "expr/expression.h"

namespace faultbox::expr {
namespace {

std::string step_text(const Value& step, bool bracket) {
  if (step.is_number()) {
    return bracket ? "[" + format_number(step.as_number()) + "]" : format_number(step.as_number());
  }
  return bracket ? "[\"" + step.as_string() + "\"]" : step.as_string();
}

class Collector {
 public:
  std::vector<Traversal> found;

  void walk(const Node& node) {
    if (auto t = chain(node)) {
      found.push_back(std::move(*t));
    }
  }

 private:
  std::multiset<std::string> bound_;

  // The static traversal ending at node, if it is one; walks everything else it contains.
  std::optional<Traversal> chain(const Node& node) {
    if (const auto* var = std::get_if<VariableNode>(&node.data)) {
      if (bound_.count(var->name) > 0) {
        return std::nullopt;
      }
      return Traversal{var->name, {}, node.pos};
    }
    if (const auto* attr = std::get_if<GetAttrNode>(&node.data)) {
      auto t = chain(*attr->source);
      if (t) {
        t->steps.push_back(Value::string(attr->name));
      }
      return t;
    }
    if (const auto* index = std::get_if<IndexNode>(&node.data)) {
      const auto* literal = std::get_if<LiteralNode>(&index->key->data);
      if (literal != nullptr && (literal->value.is_number() || literal->value.is_string())) {
        auto t = chain(*index->source);
        if (t) {
          t->steps.push_back(literal->value);
        }
        return t;
      }
      walk(*index->source);
      walk(*index->key);
      return std::nullopt;
    }
    visit_children(node);
    return std::nullopt;
  }

  void bind_walk(const std::vector<std::string>& names, const std::vector<const Node*>& nodes) {
    for (const auto& n : names) {
      if (!n.empty()) {
        bound_.insert(n);
      }
    }
    for (const Node* n : nodes) {
      if (n != nullptr) {
        walk(*n);
      }
    }
    for (const auto& n : names) {
      if (!n.empty()) {
        bound_.erase(bound_.find(n));
      }
    }
  }

  void visit_children(const Node& node) {
    std::visit([&](const auto& d) { children(d); }, node.data);
  }

  void children(const LiteralNode&) {}
  void children(const VariableNode&) {}
  void children(const GetAttrNode&) {}
  void children(const IndexNode&) {}
  void children(const SplatItemNode&) {}
  void children(const SplatNode& d) { walk(*d.source), walk(*d.each); }
  void children(const UnaryNode& d) { walk(*d.operand); }
  void children(const BinaryNode& d) { walk(*d.lhs), walk(*d.rhs); }
  void children(const ConditionalNode& d) {
    walk(*d.condition), walk(*d.then_expr), walk(*d.else_expr);
  }
  void children(const TupleNode& d) {
    for (const auto& i : d.items) {
      walk(*i);
    }
  }
  void children(const ObjectNode& d) {
    for (const auto& [k, v] : d.items) {
      walk(*k), walk(*v);
    }
  }
  void children(const CallNode& d) {
    for (const auto& a : d.args) {
      walk(*a);
    }
  }
  void children(const ForNode& d) {
    walk(*d.collection);
    bind_walk({d.key_var, d.value_var}, {d.key_expr.get(), d.value_expr.get(), d.condition.get()});
  }
  void children(const TemplateNode& d) {
    for (const auto& p : d.parts) {
      walk(*p);
    }
  }
  void children(const TemplateIfNode& d) {
    walk(*d.condition), walk(*d.then_part), walk(*d.else_part);
  }
  void children(const TemplateForNode& d) {
    walk(*d.collection);
    bind_walk({d.key_var, d.value_var}, {d.body.get()});
  }
};

}  // namespace

std::vector<std::string> Traversal::parts() const {
  std::vector<std::string> out{root};
  for (const auto& step : steps) {
    out.push_back(step_text(step, false));
  }
  return out;
}

std::string Traversal::to_string() const {
  std::string out = root;
  for (const auto& step : steps) {
    bool bracket =
        step.is_number() || step.as_string().find_first_of(" .[]\"") != std::string::npos;
    out += bracket ? step_text(step, true) : "." + step.as_string();
  }
  return out;
}

std::vector<Traversal> references(const Expression& expression) {
  Collector collector;
  collector.walk(expression.root());
  return std::move(collector.found);
}

std::string describe(const Node& node) {
  if (const auto* var = std::get_if<VariableNode>(&node.data)) {
    return var->name;
  }
  if (const auto* attr = std::get_if<GetAttrNode>(&node.data)) {
    return describe(*attr->source) + "." + attr->name;
  }
  if (const auto* index = std::get_if<IndexNode>(&node.data)) {
    const auto* literal = std::get_if<LiteralNode>(&index->key->data);
    if (literal != nullptr && (literal->value.is_number() || literal->value.is_string())) {
      return describe(*index->source) + step_text(literal->value, true);
    }
    return describe(*index->source) + "[...]";
  }
  if (std::holds_alternative<SplatItemNode>(node.data)) {
    return "each splat element";
  }
  if (const auto* call = std::get_if<CallNode>(&node.data)) {
    return call->name + "(...)";
  }
  return "expression";
}

}  // namespace faultbox::expr
