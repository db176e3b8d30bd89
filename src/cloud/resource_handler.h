// How one resource type of the AWS provider maps onto the Cloud: which attributes the lab models,
// which it computes, and how to create, update and destroy one. One file per type in resources/.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cloud/cloud.h"
#include "cloud/value_reader.h"
#include "stack/provider.h"
#include "stack/schema.h"

namespace faultbox::cloud {

// A type whose name is unique in a region (or, for IAM, in the account): creating a name that is
// held fails as AWS fails it, and a state whose name is no longer held is a resource deleted
// outside the stack.
struct UniqueName {
  std::string attribute;  // the attribute holding the name ("name", "function_name", "bucket")
  bool label_is_default = true;  // an unset name defaults to the resource's label, as in the lab
  bool account_wide = false;     // IAM's names are the account's, not a region's
  std::function<bool(Cloud&, const std::string& region, const std::string& name)> held;
  std::function<Error(const std::string& name)> already_exists;  // AWS's error for the create
};

struct ResourceHandler {
  std::string type;
  std::vector<std::string> modelled;  // attributes the lab uses; the rest are reported ignored
  std::vector<std::string> computed;  // known after create
  // The AWS provider's types of attributes that are not strings (tags and tags_all, map(string),
  // are every type's): the config is converted to them before validate, create and update.
  stack::AttributeTypes schema;
  std::function<Result<void>(const Cloud&, const ValueReader&)> validate;
  std::function<Result<expr::Value>(Cloud&, const stack::ResourceChange&)> create;
  std::function<Result<expr::Value>(Cloud&, const stack::ResourceChange&)> update;
  std::function<Result<void>(Cloud&, const stack::ResourceChange&)> destroy;
  std::optional<UniqueName> unique_name;
  // For types without a unique name: whether the resource a state describes is still there
  // (unset: taken as there). Plans refresh with it, as Terraform does.
  std::function<bool(Cloud&, const stack::ResourceChange&)> still_there;
};

using PutResource = std::function<Result<expr::Value>(Cloud&, const stack::ResourceChange&)>;
using DestroyResource = std::function<Result<void>(Cloud&, const stack::ResourceChange&)>;
// A type with nothing to check before a plan, whose update is its create (`put`, which reads
// the previous state from the change when there is one).
ResourceHandler put_and_destroy(std::string type, std::vector<std::string> modelled,
                                std::vector<std::string> computed, PutResource put,
                                DestroyResource destroy);

// The configuration with `computed` attributes set: the state a handler returns.
expr::Value with_computed(const expr::Value& config,
                          const std::map<std::string, expr::Value>& computed);
// A string attribute of a previous state ("" when absent).
std::string state_string(const expr::Value& state, const std::string& key);

// The resources/ list, one entry per type (see all_resources.cpp).
const std::vector<ResourceHandler>& all_resource_handlers();

}  // namespace faultbox::cloud
