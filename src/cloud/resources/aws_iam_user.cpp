// aws_iam_user: an IAM user, who signs calls with access keys when the lab checks signatures.
// The id is the name, as the AWS provider has it. With force_destroy, destroying the user first
// removes the keys and policies it still has (made outside the stack).
#include "cloud/resource_handler.h"
#include "cloud/resources/iam_resources.h"
#include "expr/value.h"

namespace faultbox::cloud::resources {

namespace {
void strip(iam::Users& users, const std::string& name) {
  for (const auto* key : users.keys_of(name)) {
    (void)users.delete_key(name, key->id);
  }
  for (const auto& [policy, document] : users.inline_policies(name)) {
    (void)users.delete_policy(name, policy);
  }
  for (const auto& arn : users.attached(name)) {
    (void)users.detach(name, arn);
  }
}

Result<void> remove(Cloud& cloud, const stack::ResourceChange& c) {
  auto& users = iam_directory(cloud).users();
  auto name = state_string(c.state, "id");
  if (!users.find(name)) {
    return {};
  }
  const auto* force = c.state.find("force_destroy");
  if (force && force->is_bool() && force->as_bool()) {
    strip(users, name);
  }
  return users.remove(name);
}

Result<expr::Value> put(Cloud& cloud, const stack::ResourceChange& c) {
  ValueReader r(c.config, c.address);
  FAULTBOX_TRY(name, r.string("name", c.name));
  FAULTBOX_TRY(path, r.string("path", "/"));
  FAULTBOX_TRY_VOID(r.boolean("force_destroy", false));
  auto& users = iam_directory(cloud).users();
  auto old_name = state_string(c.state, "id");
  if (!old_name.empty() && old_name != name) {
    FAULTBOX_TRY_VOID(remove(cloud, c));  // a new name is a new user
  }
  const auto* user = users.find(name);
  if (!user) {
    FAULTBOX_TRY(made, users.create(iam::User{.name = name, .path = path}, cloud.clock().now()));
    user = made;
  }
  return with_computed(c.config, {{"id", expr::Value::string(user->name)},
                                  {"name", expr::Value::string(user->name)},
                                  {"arn", expr::Value::string(user->arn)},
                                  {"unique_id", expr::Value::string(user->id)}});
}
}  // namespace

ResourceHandler aws_iam_user() {
  auto handler = put_and_destroy("aws_iam_user", {"name", "path", "force_destroy", "tags"},
                                 {"id", "arn", "unique_id"}, put, remove);
  handler.schema = {{"force_destroy", "bool"}};
  handler.unique_name = iam_unique_name(
      [](const iam::Directory& d, const std::string& name) {
        return d.users().find(name) != nullptr;
      },
      [](const std::string& name) {
        return Error{"EntityAlreadyExists", "User with name " + name + " already exists.", 409};
      });
  return handler;
}

}  // namespace faultbox::cloud::resources
