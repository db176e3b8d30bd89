// Resource types the lab keeps as records: IAM roles, policies and attachments (read by the FIS
// environment's permission checks). Each gets its id and ARN.
#include "cloud/resource_handler.h"
#include "expr/value.h"

namespace faultbox::cloud::resources {

namespace {
// `arn_suffix` is appended to "arn:aws:<service>:<region>:<account>:"; IAM is global.
ResourceHandler stored(std::string type, std::string service, std::string arn_kind,
                       std::vector<std::string> modelled, bool global = false) {
  auto put = [type, service, arn_kind, global](Cloud& cloud,
                                               const stack::ResourceChange& c) -> Result<expr::Value> {
    ValueReader r(c.config, c.address);
    // Alarms are named by alarm_name, everything else by name; the resource name otherwise.
    FAULTBOX_TRY(name, r.string("name", c.name));
    auto arn = "arn:aws:" + service + ":" + (global ? "" : c.region) + ":" +
               cloud.options().account_id + ":" + arn_kind + name;
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
  return stored("aws_iam_role", "iam", "role/",
                {"name", "assume_role_policy", "description", "tags", "path"}, true);
}
ResourceHandler aws_iam_policy() {
  return stored("aws_iam_policy", "iam", "policy/",
                {"name", "policy", "description", "tags", "path"}, true);
}
ResourceHandler aws_iam_policy_attachment() {
  return stored("aws_iam_policy_attachment", "iam", "policy-attachment/",
                {"name", "roles", "users", "groups", "policy_arn"}, true);
}
ResourceHandler aws_iam_role_policy_attachment() {
  return stored("aws_iam_role_policy_attachment", "iam", "role-policy-attachment/",
                {"role", "policy_arn"}, true);
}
ResourceHandler aws_iam_role_policy() {
  return stored("aws_iam_role_policy", "iam", "role-policy/", {"name", "role", "policy"}, true);
}

}  // namespace faultbox::cloud::resources
