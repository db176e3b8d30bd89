// aws_iam_role: a role in the IAM directory, with its trust (assume-role) policy. The id is the
// name, as the AWS provider has it.
#include "cloud/resource_handler.h"
#include "cloud/resources/iam_resources.h"
#include "core/iso8601.h"
#include "expr/value.h"

namespace faultbox::cloud::resources {

namespace {
Result<expr::Value> put(Cloud& cloud, const stack::ResourceChange& c) {
  ValueReader r(c.config, c.address);
  FAULTBOX_TRY(name, r.string("name", c.name));
  FAULTBOX_TRY(path, r.string("path", "/"));
  FAULTBOX_TRY(trust, r.string("assume_role_policy"));
  FAULTBOX_TRY(description, r.string("description"));
  FAULTBOX_TRY(session, r.integer("max_session_duration", 3600));
  auto& directory = iam_directory(cloud);
  auto old_name = state_string(c.state, "id");
  if (!old_name.empty() && old_name != name) {
    (void)directory.delete_role(old_name);  // a new name is a new role
  }
  const auto* role = directory.put_role({.name = name,
                                         .path = path,
                                         .trust_policy = trust,
                                         .description = description,
                                         .max_session_duration = static_cast<int>(session)},
                                        cloud.clock().now());
  return with_computed(c.config,
                       {{"id", expr::Value::string(role->name)},
                        {"name", expr::Value::string(role->name)},
                        {"arn", expr::Value::string(role->arn)},
                        {"unique_id", expr::Value::string(role->id)},
                        {"create_date", expr::Value::string(format_iso8601(role->created))}});
}
}  // namespace

ResourceHandler aws_iam_role() {
  auto handler = put_and_destroy(
      "aws_iam_role",
      {"name", "assume_role_policy", "description", "tags", "path", "max_session_duration"},
      {"id", "arn", "unique_id", "create_date"}, put,
      [](Cloud& cloud, const stack::ResourceChange& c) -> Result<void> {
        (void)iam_directory(cloud).delete_role(state_string(c.state, "id"));
        return {};
      });
  handler.unique_name = iam_unique_name(
      [](const iam::Directory& d, const std::string& name) { return d.find_role(name) != nullptr; },
      iam::role_exists);
  return handler;
}

}  // namespace faultbox::cloud::resources
