// What a plan or an apply reports: per-instance changes, outputs, counts.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "expr/value.h"
#include "stack/instance_key.h"

namespace faultbox::stack {

enum class Action { NoOp, Create, Update, Delete };

struct ResourcePlan {
  std::string address;  // instance address: "aws_elb.this", "aws_instance.web[1]"
  std::string type;
  std::string name;
  InstanceKey index;
  Action action = Action::NoOp;
  expr::Value before;  // prior state attributes; null on create
  expr::Value after;   // evaluated config (unknown where known only after apply); null on delete
  std::vector<std::string> ignored;       // attributes the provider does not model
  std::vector<std::string> dependencies;  // resource addresses this one reads
};

struct PlannedOutput {
  expr::Value value;  // may be unknown
  bool sensitive = false;
  Action change = Action::NoOp;  // against the state's outputs (set by plans only)
};

struct Plan {
  // In execution order: deletes (dependents first), then the rest in dependency order.
  // No-op instances are included.
  std::vector<ResourcePlan> resources;
  std::map<std::string, PlannedOutput> outputs;
  std::string region;
  std::vector<std::string> removed_outputs;  // in the state, no longer declared
  // In the state, but gone from the lab (deleted outside the stack): planned afresh, and
  // dropped from the state by an apply.
  std::vector<std::string> deleted_outside;
  // Planned creates of resources the lab holds already, made by this stack's last apply, which
  // was cut short before the state file was written: the apply takes them back.
  std::vector<std::string> created_unrecorded;

  int count(Action action) const;
  bool has_changes() const;
};

struct ApplyResult {
  int added = 0;
  int changed = 0;
  int destroyed = 0;
  std::map<std::string, PlannedOutput> outputs;  // wholly known after apply
  std::vector<std::string> log;                  // "aws_elb.this: Creation complete [id=...]"
};

}  // namespace faultbox::stack
