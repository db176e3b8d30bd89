// Reference resolution, cycle detection and topological ordering.
#include "stack/graph.h"

#include <algorithm>
#include <functional>

namespace faultbox::stack {

class GraphBuilder {
 public:
  GraphBuilder(const Config& config, Graph& graph) : config_(config), graph_(graph) {}

  void add_nodes() {
    for (const auto& v : config_.variables) {
      declare("var." + v.name);
    }
    for (const auto& l : config_.locals) {
      declare("local." + l.name);
    }
    for (const auto& r : config_.resources) {
      declare(r.address());
      graph_.resources_.insert(r.address());
    }
    for (const auto& o : config_.outputs) {
      declare("output." + o.name);
    }
  }

  Result<void> add_edges() {
    for (const auto& l : config_.locals) {
      FAULTBOX_TRY_VOID(body_edges("local." + l.name, l.value, false));
    }
    for (const auto& r : config_.resources) {
      FAULTBOX_TRY_VOID(body_edges(r.address(), r.body, r.count.has_value()));
      if (r.count) {
        FAULTBOX_TRY_VOID(expression_edges(r.address(), *r.count, false));
      }
      FAULTBOX_TRY_VOID(depends_on_edges(r.address(), r.depends_on));
    }
    for (const auto& o : config_.outputs) {
      FAULTBOX_TRY_VOID(body_edges("output." + o.name, o.value, false));
      FAULTBOX_TRY_VOID(depends_on_edges("output." + o.name, o.depends_on));
    }
    return {};
  }

 private:
  void declare(const std::string& key) {
    graph_.declared_.push_back(key);
    graph_.edges_[key];
  }

  Result<void> body_edges(const std::string& from, const Body& body, bool counted) {
    for (const auto* expression : body.expressions()) {
      FAULTBOX_TRY_VOID(expression_edges(from, *expression, counted));
    }
    return {};
  }

  Result<void> expression_edges(const std::string& from, const expr::Expression& e,
                                bool counted) {
    for (const auto& ref : expr::references(e)) {
      FAULTBOX_TRY(target, resolve(ref, counted));
      if (!target.empty()) {
        graph_.edges_[from].insert(target);
      }
    }
    return {};
  }

  Result<void> depends_on_edges(const std::string& from,
                                const std::vector<expr::Traversal>& deps) {
    for (const auto& ref : deps) {
      FAULTBOX_TRY(target, resolve(ref, false));
      graph_.edges_[from].insert(target);
    }
    return {};
  }

  // The node a reference reads, "" for built-ins (path, terraform, count).
  Result<std::string> resolve(const expr::Traversal& ref, bool counted) const {
    auto parts = ref.parts();
    auto fail = [&](const std::string& what) {
      return Result<std::string>(errors::validation(ref.pos.to_string() + ": " + what));
    };
    if (ref.root == "path" || ref.root == "terraform" || ref.root == "self") {
      return std::string();
    }
    if (ref.root == "count") {
      return counted ? Result<std::string>(std::string())
                     : fail("count.index is only available in a resource with count");
    }
    if (ref.root == "data" || ref.root == "module" || ref.root == "each") {
      return fail("\"" + ref.to_string() + "\": " + ref.root +
                  " references are not supported yet");
    }
    if (parts.size() < 2) {
      return fail("invalid reference \"" + ref.to_string() + "\"");
    }
    const char* kind = ref.root == "var"     ? "variable"
                       : ref.root == "local" ? "local value"
                                             : "resource";
    std::string key = (ref.root == "var" || ref.root == "local") ? ref.root + "." + parts[1]
                                                                 : parts[0] + "." + parts[1];
    if (graph_.edges_.count(key) == 0 || key.rfind("output.", 0) == 0) {
      return fail("reference to undeclared " + std::string(kind) + " " + key);
    }
    return key;
  }

  const Config& config_;
  Graph& graph_;
};

namespace {

// Depth-first post-order; a node met again while on the path closes a cycle.
Result<std::vector<std::string>> topological(const std::vector<std::string>& nodes,
                                             const std::map<std::string, std::set<std::string>>&
                                                 edges) {
  enum class Mark { None, Active, Done };
  std::map<std::string, Mark> marks;
  std::vector<std::string> path;
  std::vector<std::string> out;
  std::function<Result<void>(const std::string&)> visit = [&](const std::string& key)
      -> Result<void> {
    if (marks[key] == Mark::Done) {
      return {};
    }
    if (marks[key] == Mark::Active) {
      auto start = std::find(path.begin(), path.end(), key);
      std::string cycle;
      for (auto it = start; it != path.end(); ++it) {
        cycle += *it + " -> ";
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

}  // namespace

Result<Graph> Graph::build(const Config& config) {
  Graph graph;
  GraphBuilder builder(config, graph);
  builder.add_nodes();
  FAULTBOX_TRY_VOID(builder.add_edges());
  FAULTBOX_TRY(order, topological(graph.declared_, graph.edges_));
  graph.order_ = std::move(order);
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

std::vector<std::string> destroy_order(const std::vector<std::string>& addresses,
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
