// The dependency graph of a configuration: variables, locals, resources and outputs, with edges
// from the references in their bodies and from depends_on.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/result.h"
#include "stack/config.h"

namespace faultbox::stack {

// What a node of the graph is: an index into the Config's list of that kind.
struct GraphNode {
  enum class Kind { Variable, ModuleVariable, Local, Resource, Output, ModuleCall };
  Kind kind = Kind::Variable;
  size_t index = 0;  // config.variables / locals / resources / outputs / modules
};

// Node keys: "var.region", "local.name", "aws_elb.this", "data.aws_ami.web", "output.elb_url",
// "module.vpc" (the call: its outputs as one object), and inside a module the same prefixed
// with its path: "module.vpc.var.cidr", "module.vpc.aws_subnet.public", "module.vpc.output.ids".
class Graph {
 public:
  // Errors: a reference to an undeclared variable, local or resource (naming file and
  // attribute), an unsupported reference (data., module., each.), count.index outside a counted
  // resource, and cycles ("aws_elb.a -> aws_autoscaling_group.b -> aws_elb.a").
  static Result<Graph> build(const Config& config);

  // Every node, dependencies before dependents (stable: declaration order breaks ties).
  const std::vector<std::string>& order() const { return order_; }
  // The nodes `key` reads directly.
  const std::set<std::string>& dependencies(const std::string& key) const;
  // The resources `address` depends on, directly or through locals and variables.
  std::vector<std::string> resource_dependencies(const std::string& address) const;
  bool is_resource(const std::string& key) const { return resources_.count(key) > 0; }
  const GraphNode& node(const std::string& key) const { return nodes_.at(key); }

 private:
  std::map<std::string, GraphNode> nodes_;
  std::vector<std::string> declared_;  // declaration order
  std::map<std::string, std::set<std::string>> edges_;
  std::set<std::string> resources_;
  std::vector<std::string> order_;

  friend class GraphBuilder;
};

// Reverse of a dependency order restricted to `addresses`: dependents before what they use,
// for destroying. `deps` maps an address to the addresses it depends on.
std::vector<std::string> destroy_order(const std::vector<std::string>& addresses,
                                       const std::map<std::string, std::vector<std::string>>& deps);

}  // namespace faultbox::stack
