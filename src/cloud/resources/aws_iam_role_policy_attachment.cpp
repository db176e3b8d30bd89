// aws_iam_role_policy_attachment: one managed policy attached to one role.
#include "cloud/resource_handler.h"
#include "cloud/resources/iam_resources.h"
#include "expr/value.h"

namespace faultbox::cloud::resources {

namespace {
void detach_old(Cloud& cloud, const stack::ResourceChange& c) {
  iam_directory(cloud).detach_role_policy(state_string(c.state, "role"),
                                          state_string(c.state, "policy_arn"));
}

Result<expr::Value> put(Cloud& cloud, const stack::ResourceChange& c) {
  ValueReader r(c.config, c.address);
  FAULTBOX_TRY(role, r.required_string("role"));
  FAULTBOX_TRY(policy_arn, r.required_string("policy_arn"));
  detach_old(cloud, c);
  FAULTBOX_TRY_VOID(iam_directory(cloud).attach_role_policy(role, policy_arn));
  return with_computed(c.config, {{"id", expr::Value::string(role + "/" + policy_arn)}});
}
}  // namespace

ResourceHandler aws_iam_role_policy_attachment() {
  return put_and_destroy("aws_iam_role_policy_attachment", {"role", "policy_arn"}, {"id"}, put,
                         [](Cloud& cloud, const stack::ResourceChange& c) -> Result<void> {
                           detach_old(cloud, c);
                           return {};
                         });
}

}  // namespace faultbox::cloud::resources
