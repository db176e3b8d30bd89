// aws_iam_access_key: an access key of an IAM user. The id is the key's id; `secret` is in the
// state, as the AWS provider keeps it (sensitive), for the stack's outputs. A changed status
// makes the key active or inactive; a changed user is a new key.
#include "cloud/resource_handler.h"
#include "cloud/resources/iam_resources.h"
#include "core/iso8601.h"
#include "expr/value.h"

namespace faultbox::cloud::resources {

namespace {
Result<void> remove(Cloud& cloud, const stack::ResourceChange& c) {
  auto& users = iam_directory(cloud).users();
  auto id = state_string(c.state, "id");
  if (const auto* key = users.key(id)) {
    return users.delete_key(key->user, id);
  }
  return {};
}

Result<expr::Value> put(Cloud& cloud, const stack::ResourceChange& c) {
  ValueReader r(c.config, c.address);
  FAULTBOX_TRY(user, r.required_string("user"));
  FAULTBOX_TRY(status, r.string("status", "Active"));
  if (status != "Active" && status != "Inactive") {
    return errors::validation(c.address + ": status must be Active or Inactive, not \"" + status +
                              "\"");
  }
  auto& users = iam_directory(cloud).users();
  const auto* key = users.key(state_string(c.state, "id"));
  if (key && key->user != user) {
    FAULTBOX_TRY_VOID(remove(cloud, c));
    key = nullptr;
  }
  if (!key) {
    FAULTBOX_TRY(made, users.create_key(user, cloud.clock().now()));
    key = made;
  }
  FAULTBOX_TRY_VOID(users.set_key_active(user, key->id, status == "Active"));
  return with_computed(c.config,
                       {{"id", expr::Value::string(key->id)},
                        {"secret", expr::Value::string(key->secret)},
                        {"status", expr::Value::string(status)},
                        {"create_date", expr::Value::string(format_iso8601(key->created))}});
}
}  // namespace

ResourceHandler aws_iam_access_key() {
  return put_and_destroy("aws_iam_access_key", {"user", "status"},
                         {"id", "secret", "status", "create_date"}, put, remove);
}

}  // namespace faultbox::cloud::resources
