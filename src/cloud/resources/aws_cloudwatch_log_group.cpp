// aws_cloudwatch_log_group: a CloudWatch Logs group in the stack's region (FIS experiment logs
// go to the one a template names).
#include "cloud/region_services.h"
#include "cloud/resource_handler.h"

namespace faultbox::cloud::resources {

namespace {
Result<expr::Value> put(Cloud& cloud, const stack::ResourceChange& c) {
  ValueReader r(c.config, c.address);
  FAULTBOX_TRY(name, r.string("name", c.name));
  FAULTBOX_TRY(retention, r.integer("retention_in_days", 0));
  auto& logs = cloud.region(c.region).logs;
  FAULTBOX_TRY_VOID(logs.put_group(
      name, retention > 0 ? std::optional<int>(static_cast<int>(retention)) : std::nullopt));
  auto arn = logs.group_arn(name);
  arn.resize(arn.size() - 2);  // Terraform's arn attribute has no ":*"
  return with_computed(c.config,
                       {{"id", expr::Value::string(name)}, {"arn", expr::Value::string(arn)}});
}
}  // namespace

ResourceHandler aws_cloudwatch_log_group() {
  return {
      .type = "aws_cloudwatch_log_group",
      .modelled = {"name", "retention_in_days", "tags"},
      .computed = {"id", "arn"},
      .schema = {{"retention_in_days", "number"}, {"skip_destroy", "bool"}},
      .validate = [](const Cloud&, const ValueReader& r) -> Result<void> {
        FAULTBOX_TRY(retention, r.integer("retention_in_days", 0));
        if (retention < 0) {
          return errors::validation(r.where() + ": retention_in_days must not be negative");
        }
        return {};
      },
      .create = put,
      .update = put,
      .destroy = [](Cloud& cloud, const stack::ResourceChange& c) -> Result<void> {
        auto done = cloud.region(c.region).logs.delete_group(state_string(c.state, "id"));
        if (!done && done.error().code != "ResourceNotFoundException") {
          return done.error();
        }
        return {};
      },
      .unique_name =
          UniqueName{.attribute = "name",
                     .held =
                         [](Cloud& cloud, const std::string& region, const std::string& name) {
                           return cloud.region(region).logs.find_group(name);
                         },
                     .already_exists = [](const std::string&) { return logs::log_group_exists(); }},
  };
}

}  // namespace faultbox::cloud::resources
