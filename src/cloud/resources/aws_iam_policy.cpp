// aws_iam_policy: a customer managed policy. The id is its ARN, as the AWS provider has it.
#include <algorithm>

#include "cloud/resource_handler.h"
#include "cloud/resources/iam_resources.h"
#include "expr/value.h"

namespace faultbox::cloud::resources {

namespace {
Result<expr::Value> put(Cloud& cloud, const stack::ResourceChange& c) {
  ValueReader r(c.config, c.address);
  FAULTBOX_TRY(name, r.string("name", c.name));
  FAULTBOX_TRY(path, r.string("path", "/"));
  FAULTBOX_TRY(document, r.required_string("policy"));
  FAULTBOX_TRY(description, r.string("description"));
  auto& directory = iam_directory(cloud);
  const auto* policy = directory.put_policy(
      {.name = name, .path = path, .document = document, .description = description},
      cloud.clock().now());
  auto old_arn = state_string(c.state, "arn");
  if (!old_arn.empty() && old_arn != policy->arn) {
    (void)directory.delete_policy(old_arn);  // a new name or path is a new policy
  }
  return with_computed(c.config, {{"id", expr::Value::string(policy->arn)},
                                  {"name", expr::Value::string(policy->name)},
                                  {"arn", expr::Value::string(policy->arn)},
                                  {"policy_id", expr::Value::string(policy->id)}});
}
}  // namespace

ResourceHandler aws_iam_policy() {
  auto handler =
      put_and_destroy("aws_iam_policy", {"name", "policy", "description", "tags", "path"},
                      {"id", "arn", "policy_id"}, put,
                      [](Cloud& cloud, const stack::ResourceChange& c) -> Result<void> {
                        (void)iam_directory(cloud).delete_policy(state_string(c.state, "arn"));
                        return {};
                      });
  handler.unique_name = iam_unique_name(
      [](const iam::Directory& d, const std::string& name) {
        return std::any_of(d.policies().begin(), d.policies().end(),
                           [&](const auto& entry) { return entry.second.name == name; });
      },
      iam::policy_exists);
  return handler;
}

}  // namespace faultbox::cloud::resources
