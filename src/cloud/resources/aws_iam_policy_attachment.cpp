// aws_iam_policy_attachment: one managed policy attached to the listed roles (users and groups
// are not modelled). The id is its name, as the AWS provider has it.
#include "cloud/resource_handler.h"
#include "cloud/resources/iam_resources.h"
#include "expr/value.h"

namespace faultbox::cloud::resources {

namespace {
void detach_old(Cloud& cloud, const stack::ResourceChange& c) {
  const auto* roles = c.state.is_mapping() ? c.state.find("roles") : nullptr;
  if (roles == nullptr || !roles->is_sequence()) {
    return;
  }
  auto policy_arn = state_string(c.state, "policy_arn");
  for (const auto& role : roles->elements()) {
    if (role.is_string()) {
      iam_directory(cloud).detach_role_policy(role.as_string(), policy_arn);
    }
  }
}

Result<expr::Value> put(Cloud& cloud, const stack::ResourceChange& c) {
  ValueReader r(c.config, c.address);
  FAULTBOX_TRY(name, r.string("name", c.name));
  FAULTBOX_TRY(roles, r.strings("roles"));
  FAULTBOX_TRY(policy_arn, r.required_string("policy_arn"));
  detach_old(cloud, c);
  for (const auto& role : roles) {
    FAULTBOX_TRY_VOID(iam_directory(cloud).attach_role_policy(role, policy_arn));
  }
  return with_computed(c.config, {{"id", expr::Value::string(name)}});
}
}  // namespace

ResourceHandler aws_iam_policy_attachment() {
  return put_and_destroy("aws_iam_policy_attachment",
                         {"name", "roles", "users", "groups", "policy_arn"}, {"id"}, put,
                         [](Cloud& cloud, const stack::ResourceChange& c) -> Result<void> {
                           detach_old(cloud, c);
                           return {};
                         });
}

}  // namespace faultbox::cloud::resources
