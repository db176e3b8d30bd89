// Resource types the lab keeps as records: IAM roles, policies and attachments (read by the FIS
// environment's permission checks). Each gets its id and ARN.
#include "cloud/resource_handler.h"
#include "core/arn.h"
#include "expr/value.h"

namespace faultbox::cloud::resources {

namespace {
// IAM resources, global: their ARN is "arn:aws:iam::<account>:<arn_kind><path><name>".
ResourceHandler stored(std::string type, std::string arn_kind, std::vector<std::string> modelled) {
  auto put = [type, arn_kind](Cloud& cloud,
                              const stack::ResourceChange& c) -> Result<expr::Value> {
    ValueReader r(c.config, c.address);
    FAULTBOX_TRY(name, r.string("name", c.name));
    FAULTBOX_TRY(path, r.string("path", "/"));
    auto arn = arn::iam(cloud.options().account_id, arn_kind, path, name);
    auto state = with_computed(c.config, {{"id", expr::Value::string(name)},
                                          {"arn", expr::Value::string(arn)}});
    cloud.put_record(type, name, expr::to_json(state));
    return state;
  };
  return {
      .type = type,
      .modelled = std::move(modelled),
      .computed = {"id", "arn"},
      .validate = [](const Cloud&, const ValueReader&) -> Result<void> { return {}; },
      .create = put,
      .update = put,
      .destroy = [type](Cloud& cloud, const stack::ResourceChange& c) -> Result<void> {
        cloud.remove_record(type, state_string(c.state, "id"));
        return {};
      },
  };
}
}  // namespace

ResourceHandler aws_iam_role() {
  return stored("aws_iam_role", "role",
                {"name", "assume_role_policy", "description", "tags", "path"});
}
ResourceHandler aws_iam_policy() {
  return stored("aws_iam_policy", "policy",
                {"name", "policy", "description", "tags", "path"});
}
ResourceHandler aws_iam_policy_attachment() {
  return stored("aws_iam_policy_attachment", "policy-attachment",
                {"name", "roles", "users", "groups", "policy_arn"});
}
ResourceHandler aws_iam_role_policy_attachment() {
  return stored("aws_iam_role_policy_attachment", "role-policy-attachment",
                {"role", "policy_arn"});
}
ResourceHandler aws_iam_role_policy() {
  return stored("aws_iam_role_policy", "role-policy", {"name", "role", "policy"});
}

}  // namespace faultbox::cloud::resources
