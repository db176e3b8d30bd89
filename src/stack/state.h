// Stack state in Terraform's state JSON format, version 4, so other tools can read it.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "expr/value.h"
#include "stack/instance_key.h"

namespace faultbox::stack {

struct InstanceState {
  InstanceKey index;                      // count index or for_each key; none for a single instance
  expr::Value attributes;                 // what the provider returned
  std::vector<std::string> dependencies;  // resource addresses it depends on
};

struct ResourceState {
  std::string type;
  std::string name;
  bool counted = false;  // instances carry index_key (count or for_each)
  std::vector<InstanceState> instances;
  std::string module;  // "module.vpc" for a resource of a module, "" in the root
  std::string address() const { return (module.empty() ? "" : module + ".") + type + "." + name; }
};

struct OutputState {
  expr::Value value;
  bool sensitive = false;
};

struct State {
  int serial = 0;
  std::string lineage;  // fixed for the life of a stack; made on first save
  std::map<std::string, OutputState> outputs;
  std::vector<ResourceState> resources;

  ResourceState* find(const std::string& type, const std::string& name,
                      const std::string& module = "");
  const ResourceState* find(const std::string& type, const std::string& name,
                            const std::string& module = "") const;
  // The state of "aws_elb.this" or "aws_instance.web[1]", or nullptr.
  const InstanceState* find_instance(const std::string& instance_address) const;
  // Stores an instance's state, adding its resource if needed; keeps instances sorted by index.
  void put_instance(const std::string& type, const std::string& name, bool counted,
                    InstanceState instance, const std::string& module = "");
  // Removes an instance; a resource left without instances is removed too.
  void remove_instance(const std::string& instance_address);
  // "aws_elb.this", "aws_instance.web[0]", ... in state order.
  std::vector<std::string> instance_addresses() const;
};

// A random lineage (UUID form) for a new state.
std::string new_lineage();

// Terraform's JSON layout: version 4, terraform_version, serial, lineage, outputs (value, type,
// sensitive), resources (mode "managed", type, name, provider, instances with attributes,
// index_key, dependencies).
nlohmann::json state_to_json(const State& state);

// The region of a resource's state, read from its ARN ("arn:aws:ec2:eu-west-2:..."), as the
// state does not store it apart; "" without one.
std::string region_of_state(const expr::Value& attributes);
// Errors: not an object, a version other than 4, malformed resources.
Result<State> state_from_json(const nlohmann::json& json);

}  // namespace faultbox::stack
