// How one resource type of the AWS provider maps onto the Cloud: which attributes the lab models,
// which it computes, and how to create, update and destroy one. One file per type in resources/.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "cloud/cloud.h"
#include "cloud/value_reader.h"
#include "stack/provider.h"
#include "stack/schema.h"

namespace faultbox::cloud {

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
