// What a stack needs from the lab: create, update and destroy resources of the AWS provider's
// types. The lab implements it over its domain modules; stack tests use a fake.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "expr/value.h"

namespace faultbox::stack {

// One resource as the provider sees it. `config` is the evaluated body (an object value whose
// attributes use the AWS provider's names); `state` is what the provider returned last time
// (config plus computed attributes such as id, arn, dns_name).
struct ResourceChange {
  std::string type;     // "aws_elb"
  std::string name;     // "this"
  std::string address;  // "aws_elb.this" (or "aws_instance.web[0]")
  std::string region;   // where the stack puts its resources
  expr::Value config;
  expr::Value state;  // null on create
  // The stack's directory: relative paths in attributes (aws_lambda_function's filename) are
  // relative to it, as to Terraform's working directory. Set on create and update.
  std::string root_directory;
};

class Provider {
 public:
  virtual ~Provider() = default;

  // The resource types this provider supports, e.g. {"aws_elb", "aws_instance", ...}.
  virtual std::vector<std::string> resource_types() const = 0;

  // Checks a configuration before anything is applied: required attributes, value ranges
  // (min_size <= desired_capacity <= max_size). Unknown values ("known after apply") pass.
  // Also returns the names of attributes given but not modelled by the lab (to list as ignored).
  virtual Result<std::vector<std::string>> validate(const ResourceChange& change) const = 0;

  // Which attributes the provider computes, known only after create: the planner treats a
  // reference to one of them as unknown. E.g. aws_elb → {"id", "arn", "dns_name"}.
  virtual std::vector<std::string> computed_attributes(const std::string& type) const = 0;

  // The configuration with each attribute converted to the type the provider's schema declares
  // for it (a tuple to a list or set, an object to a map, a number to a string and back, as
  // Terraform converts at the provider boundary). Errors name the attribute and the type. The
  // default declares nothing.
  virtual Result<expr::Value> conform(const std::string& /*type*/,
                                      const expr::Value& config) const {
    return config;
  }

  // Creates the resource; returns its full state (config plus computed attributes).
  virtual Result<expr::Value> create(const ResourceChange& change) = 0;
  // Brings an existing resource to `change.config`; returns the new state.
  virtual Result<expr::Value> update(const ResourceChange& change) = 0;
  // Removes it; `change.config` is null and `change.state` the last state.
  virtual Result<void> destroy(const ResourceChange& change) = 0;
  // Whether the resource `change.state` describes is still there: plans refresh the state with
  // it, as Terraform does, so a resource deleted outside the stack is planned again. The default
  // takes every resource as there.
  virtual bool exists(const ResourceChange& /*change*/) const { return true; }
  // Whether the lab holds a resource that this stack created at `change.address` (of its type)
  // though the stack's state does not have it: an apply cut short before the state file was
  // written. A create then takes that resource back; plans say so. The default: never.
  virtual bool created_unrecorded(const ResourceChange& /*change*/) const { return false; }

  // The account data sources answer with (aws_caller_identity, ARNs).
  virtual std::string account_id() const { return "000000000000"; }
};

}  // namespace faultbox::stack
