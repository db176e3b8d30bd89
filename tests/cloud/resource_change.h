// A stack's change of one resource, as the applier hands it to the Cloud's provider: for tests
// that create resources through it.
#pragma once

#include <string>

#include "expr/value.h"
#include "stack/provider.h"

namespace faultbox::testing {

// `type.name` in eu-west-2 (the workshop's region), created from `config`.
inline stack::ResourceChange resource_change(const std::string& type, const std::string& name,
                                             expr::Value config) {
  stack::ResourceChange c;
  c.type = type;
  c.name = name;
  c.address = type + "." + name;
  c.region = "eu-west-2";
  c.config = std::move(config);
  return c;
}

}  // namespace faultbox::testing
