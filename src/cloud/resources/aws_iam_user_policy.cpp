// aws_iam_user_policy: an inline policy of a user. The id is "<user>:<name>", as the AWS
// provider has it.
#include "cloud/resource_handler.h"
#include "cloud/resources/iam_resources.h"
#include "expr/value.h"

namespace faultbox::cloud::resources {

namespace {
void remove_old(Cloud& cloud, const stack::ResourceChange& c) {
  auto user = state_string(c.state, "user");
  if (!user.empty()) {
    (void)iam_directory(cloud).users().delete_policy(user, state_string(c.state, "name"));
  }
}

Result<expr::Value> put(Cloud& cloud, const stack::ResourceChange& c) {
  ValueReader r(c.config, c.address);
  FAULTBOX_TRY(user, r.required_string("user"));
  FAULTBOX_TRY(name, r.string("name", c.name));
  FAULTBOX_TRY(policy, r.required_string("policy"));
  remove_old(cloud, c);
  FAULTBOX_TRY_VOID(iam_directory(cloud).users().put_policy(user, name, policy));
  return with_computed(c.config, {{"id", expr::Value::string(user + ":" + name)},
                                  {"name", expr::Value::string(name)}});
}
}  // namespace

ResourceHandler aws_iam_user_policy() {
  return put_and_destroy("aws_iam_user_policy", {"name", "user", "policy"}, {"id"}, put,
                         [](Cloud& cloud, const stack::ResourceChange& c) -> Result<void> {
                           remove_old(cloud, c);
                           return {};
                         });
}

}  // namespace faultbox::cloud::resources
