#include "cloud/experiment_logs.h"

#include "core/json_text.h"
#include "fis/experiment.h"

namespace faultbox::cloud {

namespace {
// The log group a template sends its log to, or "" when it sends none to CloudWatch Logs.
std::string log_group_of(const fis::ExperimentTemplate& t) {
  if (!t.log_configuration || !t.log_configuration->log_group_arn) {
    return "";
  }
  return logs::LogStore::group_name_from_arn(*t.log_configuration->log_group_arn);
}
}  // namespace

void ship_experiment_logs(RegionServices& r) {
  for (const auto* e : r.runner.list()) {
    auto group = log_group_of(e->definition);
    auto& shipped = r.shipped_log_records[e->id];
    if (group.empty() || shipped >= e->log.size() || !r.logs.find_group(group)) {
      continue;
    }
    std::vector<logs::LogEvent> events;
    for (auto i = shipped; i < e->log.size(); ++i) {
      const auto& record = e->log[i];
      events.push_back(
          {record.at.time_since_epoch().count(), json_text(fis::log_record_json(*e, record)), 0});
    }
    if (r.logs.put_events(group, e->id, std::move(events))) {
      shipped = e->log.size();
    }
  }
}

Result<void> check_log_destination(const RegionServices& r, const fis::ExperimentTemplate& t) {
  if (!t.log_configuration || !t.log_configuration->log_group_arn) {
    return {};
  }
  const auto& arn = *t.log_configuration->log_group_arn;
  auto group = logs::LogStore::group_name_from_arn(arn);
  if (group.empty()) {
    return errors::validation("logConfiguration.cloudWatchLogsConfiguration.logGroupArn \"" + arn +
                              "\" is not a CloudWatch Logs log group ARN");
  }
  if (!r.logs.find_group(group)) {
    return errors::validation("The log group " + group + " (" + arn +
                              ") does not exist in region " + r.region + ".");
  }
  return {};
}

}  // namespace faultbox::cloud
