// A provider's schema at the boundary, as Terraform applies it: each attribute a resource type
// declares is converted to the declared type before the provider sees it (a tuple to a list or
// a set, an object to a map, a number to a string and back, "true" to a bool), so a config is
// judged by what it means, not by how it was written: `load_balancers = [aws_elb.this.id]` (a
// tuple) is the set of strings the AWS provider declares.
#pragma once

#include <map>
#include <string>

#include "core/result.h"
#include "expr/value.h"

namespace faultbox::stack {

// Attribute name -> its type as Terraform writes one: "set(string)", "number", "map(string)".
using AttributeTypes = std::map<std::string, std::string>;

// `config` with every attribute `types` declares converted to its type; other attributes, null
// and unknown values are left as they are. Errors: ValidationException "Inappropriate value for
// attribute "x": set(string) required, got object" (the caller adds the resource's address).
Result<expr::Value> conform_to_schema(const expr::Value& config, const AttributeTypes& types);

}  // namespace faultbox::stack
