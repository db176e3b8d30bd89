// Reference resolution, cycle detection and topological ordering.
#include "stack/graph.h"

#include <algorithm>
#include <functional>

namespace faultbox::stack {

class GraphBuilder {
  // The node index of a call group without instances (count = 0, empty for_each).
  static constexpr size_t kNoCall = static_cast<size_t>(-1);

 public:
  GraphBuilder(const Config& config, Graph& graph) : config_(config), graph_(graph) {}

  void add_nodes() {
    using Kind = GraphNode::Kind;
    for (size_t i = 0; i < config_.variables.size(); ++i) {
      const auto& v = config_.variables[i];
      declare(module_prefix(v.module) + "var." + v.name,
              {v.module.empty() ? Kind::Variable : Kind::ModuleVariable, i});
    }
    for (size_t i = 0; i < config_.locals.size(); ++i) {
      const auto& l = config_.locals[i];
      declare(module_prefix(l.module) + "local." + l.name, {Kind::Local, i});
    }
    for (size_t i = 0; i < config_.modules.size(); ++i) {
      const auto& call = config_.modules[i];
      declare(call.path(), {Kind::ModuleCall, i});
      // References to `module.m` of a call with count/for_each read every instance of it.
      std::string group = module_prefix(call.module) + "module." + call.name;
      if (is_keyed(call.key) && graph_.nodes_.count(group) == 0) {
        declare(group, {Kind::ModuleCall, i});
      }
    }
    for (const auto& empty : config_.empty_module_groups) {
      std::string group = module_prefix(empty.module) + "module." + empty.name;
      if (graph_.nodes_.count(group) == 0) {
        declare(group, {Kind::ModuleCall, kNoCall});
      }
    }
    for (size_t i = 0; i < config_.resources.size(); ++i) {
      const auto& r = config_.resources[i];
      declare(r.address(), {Kind::Resource, i});
      if (!r.data) {
        graph_.resources_.insert(r.address());
      }
    }
    for (size_t i = 0; i < config_.outputs.size(); ++i) {
      const auto& o = config_.outputs[i];
      declare(module_prefix(o.module) + "output." + o.name, {Kind::Output, i});
    }
  }

  Result<void> add_edges() {
    for (const auto& l : config_.locals) {
      FAULTBOX_TRY_VOID(body_edges(module_prefix(l.module) + "local." + l.name, l.value,
                                   {l.module, false, false}));
    }
    for (const auto& r : config_.resources) {
      Where where{r.module, r.count.has_value(), r.for_each.has_value()};
      FAULTBOX_TRY_VOID(body_edges(r.address(), r.body, where));
      if (r.count) {
        FAULTBOX_TRY_VOID(expression_edges(r.address(), *r.count, {r.module, false, false}));
      }
      if (r.for_each) {
        FAULTBOX_TRY_VOID(expression_edges(r.address(), *r.for_each, {r.module, false, false}));
      }
      FAULTBOX_TRY_VOID(depends_on_edges(r.address(), r.depends_on, r.module));
      // A resource takes the provider's default_tags, so it comes after what they read.
      if (config_.aws_provider && !r.data) {
        FAULTBOX_TRY_VOID(body_edges(r.address(), *config_.aws_provider, {"", false, false}));
      }
    }
    for (const auto& o : config_.outputs) {
      std::string key = module_prefix(o.module) + "output." + o.name;
      FAULTBOX_TRY_VOID(body_edges(key, o.value, {o.module, false, false}));
      FAULTBOX_TRY_VOID(depends_on_edges(key, o.depends_on, o.module));
    }
    for (const auto& call : config_.modules) {
      FAULTBOX_TRY_VOID(module_edges(call));
    }
    return {};
  }

 private:
  // Where an expression is: its module, and whether count.index / each.* are available.
  struct Where {
    std::string module;
    bool counted = false;
    bool eached = false;
  };

  void declare(const std::string& key, GraphNode node) {
    graph_.declared_.push_back(key);
    graph_.edges_[key];
    graph_.nodes_[key] = node;
  }

  // The call's inputs feed the module's variables; the call node gathers its outputs.
  Result<void> module_edges(const ModuleCall& call) {
    if (is_keyed(call.key)) {
      graph_.edges_[module_prefix(call.module) + "module." + call.name].insert(call.path());
    }
    Where where{call.module, call.count.has_value(), call.for_each.has_value()};
    std::string inner = module_prefix(call.path());
    for (const auto& [name, body] : call.arguments.attributes) {
      std::string key = inner + "var." + name;
      if (graph_.edges_.count(key) == 0) {
        return errors::validation(call.origin.to_string() + ": unsupported argument \"" + name +
                                  "\": the module at " + call.source +
                                  " declares no variable of that name");
      }
    }
    for (const auto& v : config_.variables) {
      if (v.module != call.path()) {
        continue;
      }
      std::string key = inner + "var." + v.name;
      if (const Body* given = call.arguments.find(v.name)) {
        FAULTBOX_TRY_VOID(body_edges(key, *given, where));
      }
      for (const auto* e :
           {call.count ? &*call.count : nullptr, call.for_each ? &*call.for_each : nullptr}) {
        if (e != nullptr) {
          FAULTBOX_TRY_VOID(expression_edges(key, *e, {call.module, false, false}));
        }
      }
      FAULTBOX_TRY_VOID(depends_on_edges(key, call.depends_on, call.module));
    }
    for (const auto& o : config_.outputs) {
      if (o.module == call.path()) {
        graph_.edges_[call.path()].insert(inner + "output." + o.name);
      }
    }
    return {};
  }

  Result<void> body_edges(const std::string& from, const Body& body, const Where& where) {
    for (const auto* expression : body.expressions()) {
      FAULTBOX_TRY_VOID(expression_edges(from, *expression, where));
    }
    return {};
  }

  Result<void> expression_edges(const std::string& from, const expr::Expression& e,
                                const Where& where) {
    for (const auto& ref : expr::references(e)) {
      FAULTBOX_TRY(target, resolve(ref, where));
      if (target == from && graph_.resources_.count(from)) {
        return errors::validation(ref.pos.to_string() + ": self-referential block: " + from +
                                  " refers to itself (" + ref.to_string() + ")");
      }
      if (!target.empty()) {
        graph_.edges_[from].insert(target);
      }
    }
    return {};
  }

  Result<void> depends_on_edges(const std::string& from, const std::vector<expr::Traversal>& deps,
                                const std::string& module) {
    for (const auto& ref : deps) {
      FAULTBOX_TRY(target, resolve(ref, {module, false, false}));
      if (!target.empty()) {
        graph_.edges_[from].insert(target);
      }
    }
    return {};
  }

  // The node a reference reads, "" for built-ins (path, terraform, count, each).
  Result<std::string> resolve(const expr::Traversal& ref, const Where& where) const {
    auto parts = ref.parts();
    auto fail = [&](const std::string& what) {
      return Result<std::string>(errors::validation(ref.pos.to_string() + ": " + what));
    };
    const std::string prefix = module_prefix(where.module);
    if (ref.root == "path" || ref.root == "terraform" || ref.root == "self") {
      return std::string();
    }
    if (ref.root == "count") {
      return where.counted ? Result<std::string>(std::string())
                           : fail("count.index is only available in a resource or module with "
                                  "count");
    }
    if (ref.root == "each") {
      return where.eached ? Result<std::string>(std::string())
                          : fail("each.key and each.value are only available in a resource or "
                                 "module with for_each");
    }
    auto declared = [&](const std::string& key) { return graph_.edges_.count(key) > 0; };
    if (ref.root == "data") {
      if (parts.size() < 3) {
        return fail("invalid reference \"" + ref.to_string() + "\"");
      }
      std::string key = prefix + "data." + parts[1] + "." + parts[2];
      return declared(key)
                 ? Result<std::string>(key)
                 : fail("reference to undeclared data source data." + parts[1] + "." + parts[2]);
    }
    if (ref.root == "module") {
      if (parts.size() < 2) {
        return fail("invalid reference \"" + ref.to_string() + "\"");
      }
      std::string call = prefix + "module." + parts[1];
      if (!declared(call)) {
        return fail("reference to undeclared module module." + parts[1]);
      }
      // A call with count/for_each: the next step is an instance key (checked when evaluated).
      size_t index = graph_.nodes_.at(call).index;
      bool grouped = index == kNoCall || is_keyed(config_.modules[index].key);
      if (!grouped && ref.steps.size() >= 2 && ref.steps[1].is_string()) {
        std::string output = call + ".output." + parts[2];
        if (!declared(output)) {
          return fail("module." + parts[1] + " has no output \"" + parts[2] + "\"");
        }
        return output;
      }
      return call;
    }
    if (parts.size() < 2) {
      return fail("invalid reference \"" + ref.to_string() + "\"");
    }
    const char* kind = ref.root == "var"     ? "variable"
                       : ref.root == "local" ? "local value"
                                             : "resource";
    std::string key = prefix + parts[0] + "." + parts[1];
    if (!declared(key) || parts[0] == "output") {
      return fail("reference to undeclared " + std::string(kind) + " " + parts[0] + "." + parts[1] +
                  (where.module.empty() ? "" : " in " + where.module));
    }
    return key;
  }

  const Config& config_;
  Graph& graph_;
};

namespace {

// Depth-first post-order; a node met again while on the path closes a cycle.
// On a cycle, `cycle` (when given) receives its nodes in order.
Result<std::vector<std::string>> topological(
    const std::vector<std::string>& nodes,
    const std::map<std::string, std::set<std::string>>& edges,
    std::vector<std::string>* cycle_nodes = nullptr) {
  enum class Mark { None, Active, Done };
  std::map<std::string, Mark> marks;
  std::vector<std::string> path;
  std::vector<std::string> out;
  std::function<Result<void>(const std::string&)> visit =
      [&](const std::string& key) -> Result<void> {
    if (marks[key] == Mark::Done) {
      return {};
    }
    if (marks[key] == Mark::Active) {
      auto start = std::find(path.begin(), path.end(), key);
      std::string cycle;
      for (auto it = start; it != path.end(); ++it) {
        cycle += *it + " -> ";
        if (cycle_nodes != nullptr) {
          cycle_nodes->push_back(*it);
        }
      }
      return errors::validation("dependency cycle: " + cycle + key);
    }
    marks[key] = Mark::Active;
    path.push_back(key);
    for (const auto& dep : edges.at(key)) {
      FAULTBOX_TRY_VOID(visit(dep));
    }
    path.pop_back();
    marks[key] = Mark::Done;
    out.push_back(key);
    return {};
  };
  for (const auto& key : nodes) {
    FAULTBOX_TRY_VOID(visit(key));
  }
  return out;
}

// Where to point a cycle's reader: the first resource in it, else its first block ("file:line: ").
std::string cycle_origin(const Config& config, const Graph& graph,
                         const std::vector<std::string>& cycle) {
  const Origin* first = nullptr;
  for (const auto& key : cycle) {
    const GraphNode& node = graph.node(key);
    const Origin* origin = nullptr;
    switch (node.kind) {
      case GraphNode::Kind::Variable:
      case GraphNode::Kind::ModuleVariable:
        origin = &config.variables[node.index].origin;
        break;
      case GraphNode::Kind::Local:
        origin = &config.locals[node.index].origin;
        break;
      case GraphNode::Kind::Output:
        origin = &config.outputs[node.index].origin;
        break;
      case GraphNode::Kind::Resource:
        origin = &config.resources[node.index].origin;
        break;
      case GraphNode::Kind::ModuleCall:
        origin = node.index < config.modules.size() ? &config.modules[node.index].origin : nullptr;
        break;
    }
    if (origin != nullptr && node.kind == GraphNode::Kind::Resource) {
      return origin->to_string() + ": ";
    }
    first = first != nullptr ? first : origin;
  }
  return first != nullptr ? first->to_string() + ": " : "";
}

}  // namespace

Result<Graph> Graph::build(const Config& config) {
  Graph graph;
  GraphBuilder builder(config, graph);
  builder.add_nodes();
  FAULTBOX_TRY_VOID(builder.add_edges());
  std::vector<std::string> cycle;
  auto order = topological(graph.declared_, graph.edges_, &cycle);
  if (!order) {
    return errors::validation(cycle_origin(config, graph, cycle) + order.error().message);
  }
  graph.order_ = std::move(*order);
  return graph;
}

const std::set<std::string>& Graph::dependencies(const std::string& key) const {
  static const std::set<std::string> kNone;
  auto it = edges_.find(key);
  return it == edges_.end() ? kNone : it->second;
}

std::vector<std::string> Graph::resource_dependencies(const std::string& address) const {
  std::set<std::string> seen;
  std::vector<std::string> out;
  std::function<void(const std::string&)> walk = [&](const std::string& key) {
    for (const auto& dep : dependencies(key)) {
      if (!seen.insert(dep).second) {
        continue;
      }
      if (is_resource(dep)) {
        out.push_back(dep);
      } else {
        walk(dep);
      }
    }
  };
  walk(address);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> destroy_order(
    const std::vector<std::string>& addresses,
    const std::map<std::string, std::vector<std::string>>& deps) {
  std::map<std::string, std::set<std::string>> edges;
  for (const auto& a : addresses) {
    auto& mine = edges[a];
    auto it = deps.find(a);
    if (it != deps.end()) {
      for (const auto& d : it->second) {
        if (std::find(addresses.begin(), addresses.end(), d) != addresses.end()) {
          mine.insert(d);
        }
      }
    }
  }
  auto order = topological(addresses, edges);
  std::vector<std::string> out = order ? *order : addresses;  // state cycles: keep given order
  std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace faultbox::stack
