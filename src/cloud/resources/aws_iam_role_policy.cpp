// aws_iam_role_policy: an inline policy of a role. The id is "<role>:<name>", as the AWS
// provider has it.
#include "cloud/resource_handler.h"
#include "cloud/resources/iam_resources.h"
#include "expr/value.h"

namespace faultbox::cloud::resources {

namespace {
void remove_old(Cloud& cloud, const stack::ResourceChange& c) {
  auto role = state_string(c.state, "role");
  if (!role.empty()) {
    iam_directory(cloud).delete_role_policy(role, state_string(c.state, "name"));
  }
}

Result<expr::Value> put(Cloud& cloud, const stack::ResourceChange& c) {
  ValueReader r(c.config, c.address);
  FAULTBOX_TRY(role, r.required_string("role"));
  FAULTBOX_TRY(name, r.string("name", c.name));
  FAULTBOX_TRY(policy, r.required_string("policy"));
  remove_old(cloud, c);
  FAULTBOX_TRY_VOID(iam_directory(cloud).put_role_policy(role, name, policy));
  return with_computed(c.config, {{"id", expr::Value::string(role + ":" + name)},
                                  {"name", expr::Value::string(name)}});
}
}  // namespace

ResourceHandler aws_iam_role_policy() {
  return put_and_destroy("aws_iam_role_policy", {"name", "role", "policy"}, {"id"}, put,
                         [](Cloud& cloud, const stack::ResourceChange& c) -> Result<void> {
                           remove_old(cloud, c);
                           return {};
                         });
}

}  // namespace faultbox::cloud::resources
