// aws_cloudwatch_metric_alarm: a CloudWatch alarm in the stack's region, evaluated every second.
#include "cloud/region_services.h"
#include "cloud/resource_handler.h"
#include "core/arn.h"

namespace faultbox::cloud::resources {

namespace {
Result<expr::Value> put(Cloud& cloud, const stack::ResourceChange& c) {
  FAULTBOX_TRY(spec, monitoring::AlarmSpec::from_terraform_json(expr::to_json(c.config)));
  auto& region = cloud.region(c.region);
  FAULTBOX_TRY(alarm, region.alarms.put_alarm(std::move(spec), cloud.clock().now()));
  return with_computed(c.config, {{"id", expr::Value::string(alarm->spec().alarm_name)},
                                  {"arn", expr::Value::string(alarm->arn())}});
}
}  // namespace

ResourceHandler aws_cloudwatch_metric_alarm() {
  return {
      .type = "aws_cloudwatch_metric_alarm",
      .modelled = {"alarm_name", "comparison_operator", "evaluation_periods", "metric_name",
                   "namespace", "period", "statistic", "threshold", "datapoints_to_alarm",
                   "treat_missing_data", "dimensions", "alarm_description", "actions_enabled"},
      .computed = {"id", "arn"},
      .schema = {{"evaluation_periods", "number"},
                 {"period", "number"},
                 {"threshold", "number"},
                 {"datapoints_to_alarm", "number"},
                 {"actions_enabled", "bool"},
                 {"alarm_actions", "set(string)"},
                 {"ok_actions", "set(string)"},
                 {"insufficient_data_actions", "set(string)"},
                 {"dimensions", "map(string)"}},
      .validate = [](const Cloud&, const ValueReader& r) -> Result<void> {
        // Only a wholly known configuration can be checked before apply.
        if (!r.value().is_wholly_known()) {
          return {};
        }
        FAULTBOX_TRY(spec, monitoring::AlarmSpec::from_terraform_json(expr::to_json(r.value())));
        return spec.validate();
      },
      .create = put,
      .update = put,
      .destroy = [](Cloud& cloud, const stack::ResourceChange& c) -> Result<void> {
        auto arn = parse_arn(state_string(c.state, "arn"));
        auto region = arn && !arn->region.empty() ? arn->region : c.region;
        auto done = cloud.region(region).alarms.delete_alarms({state_string(c.state, "id")});
        if (!done && done.error().code != "ResourceNotFound") {
          return done.error();
        }
        return {};
      },
      // PutMetricAlarm replaces an alarm of the same name, on AWS too: no name is refused.
      .still_there = [](Cloud& cloud, const stack::ResourceChange& c) -> bool {
        return cloud.region(c.region).alarms.find(state_string(c.state, "id"));
      },
  };
}

}  // namespace faultbox::cloud::resources
