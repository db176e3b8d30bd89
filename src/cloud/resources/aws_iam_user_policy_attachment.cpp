// aws_iam_user_policy_attachment: one managed policy attached to one user.
#include "cloud/resource_handler.h"
#include "cloud/resources/iam_resources.h"
#include "expr/value.h"

namespace faultbox::cloud::resources {

namespace {
void detach_old(Cloud& cloud, const stack::ResourceChange& c) {
  (void)iam_directory(cloud).users().detach(state_string(c.state, "user"),
                                            state_string(c.state, "policy_arn"));
}

Result<expr::Value> put(Cloud& cloud, const stack::ResourceChange& c) {
  ValueReader r(c.config, c.address);
  FAULTBOX_TRY(user, r.required_string("user"));
  FAULTBOX_TRY(policy_arn, r.required_string("policy_arn"));
  detach_old(cloud, c);
  FAULTBOX_TRY_VOID(iam_directory(cloud).attach_user_policy(user, policy_arn));
  return with_computed(c.config, {{"id", expr::Value::string(user + "/" + policy_arn)}});
}
}  // namespace

ResourceHandler aws_iam_user_policy_attachment() {
  return put_and_destroy("aws_iam_user_policy_attachment", {"user", "policy_arn"}, {"id"}, put,
                         [](Cloud& cloud, const stack::ResourceChange& c) -> Result<void> {
                           detach_old(cloud, c);
                           return {};
                         });
}

}  // namespace faultbox::cloud::resources
