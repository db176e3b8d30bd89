#include "cloud/experiment_report.h"

#include "cloud/balancers/balancers.h"
#include "cloud/region_services.h"
#include "cloud/report_sources.h"
#include "core/iso8601.h"
#include "fis/experiment.h"
#include "report/figures.h"

namespace faultbox::cloud {

namespace {
// Margin of metrics shown before and after the experiment (lab time).
constexpr auto kMargin = std::chrono::seconds(30);
// How long after the experiment's end a recovery is still looked for (lab time).
constexpr auto kRecoveryHorizon = std::chrono::minutes(10);

report::Series series_of(const monitoring::MetricStore& store, const std::string& lb,
                         std::string_view metric, monitoring::Statistic stat, TimePoint from,
                         TimePoint to, Duration period, std::optional<double> threshold) {
  report::Series s;
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(period).count();
  s.name = std::string(metric) + " (" + lb + ")";
  s.unit = std::string(monitoring::statistic_name(stat)) + " per " + std::to_string(seconds) + " s";
  s.threshold = threshold;
  auto key = monitoring::MetricKey::make(std::string(elb::kMetricNamespace), std::string(metric),
                                         {{std::string(elb::kLoadBalancerDimension), lb}});
  for (const auto& p : store.periods(key, from, to, period)) {
    s.points.emplace_back(p.timestamp, p.value(stat));
  }
  return s;
}

std::string state_of(const nlohmann::json& data, const char* which) {
  if (data.is_object() && data.contains(which) && data[which].is_object()) {
    return data[which].value("stateValue", "");
  }
  return "";
}
}  // namespace

Result<report::ReportInput> experiment_report_input(Cloud& cloud, const std::string& region,
                                                    const std::string& experiment_id) {
  auto& r = cloud.region(region);
  const auto* e = r.runner.find(experiment_id);
  if (!e) {
    return errors::not_found("Experiment " + experiment_id + " not found.");
  }
  report::ReportInput in;
  in.experiment = fis::to_json(*e);
  in.resolved_targets = fis::resolved_targets_json(*e);
  for (const auto& record : e->log) {
    in.log.push_back(fis::log_record_json(*e, record));
  }
  auto now = cloud.clock().now();
  auto end = e->end_time ? *e->end_time : now;
  auto from = (e->start_time ? *e->start_time : now) - kMargin;
  auto to = std::min(now, end + kMargin);
  auto horizon = std::min(now, end + kRecoveryHorizon);
  in.generated_at = format_iso8601(now);
  in.traffic = balancer_traffic(cloud, region, from, std::max(to, horizon));

  // The 5XX series is drawn at the alarm's period, so that its threshold line means something.
  std::optional<double> threshold;
  Duration alarm_period = std::chrono::seconds(1);
  for (const auto& condition : e->definition.stop_conditions) {
    for (const auto* alarm : r.alarms.describe()) {
      if (!condition.value || alarm->arn() != *condition.value) {
        continue;
      }
      if (alarm->spec().metric_name == "HTTPCode_ELB_5XX") {
        threshold = alarm->spec().threshold;
        alarm_period = alarm->spec().period;
      }
      monitoring::HistoryQuery query;
      query.alarm_name = alarm->spec().alarm_name;
      query.type = monitoring::HistoryItemType::StateUpdate;
      query.start = from;
      query.end = std::max(to, horizon);
      for (const auto& h : r.alarms.history(query)) {
        in.alarms.push_back({h.timestamp, h.alarm_name, state_of(h.data, "oldState"),
                             state_of(h.data, "newState"), h.summary});
      }
    }
  }
  // The charts reach as far as the recovery the figures found, so both tell the same story.
  auto figures = report::compute_figures(report::read_experiment(in.experiment), in);
  if (figures.recovery.recovered) {
    to = std::min(now, std::max(to, *figures.recovery.recovered + kMargin));
  } else if (figures.recovery.outcome == report::RecoveryOutcome::NotRecovered) {
    to = std::max(to, horizon);
  }
  std::erase_if(in.alarms, [to](const report::AlarmMark& mark) { return mark.at >= to; });
  in.instance_states = instance_states(cloud, region, from, to);
  in.scaling = scaling_events(cloud, region, from, to);
  using monitoring::Statistic;
  const Duration second = std::chrono::seconds(1);
  for (const auto& [name, b] : cloud.kind<Balancers>().all()) {
    if (b.region != region) {
      continue;
    }
    in.series.push_back(
        series_of(r.metrics, name, "RequestCount", Statistic::Sum, from, to, second, {}));
    in.series.push_back(series_of(r.metrics, name, "HTTPCode_ELB_5XX", Statistic::Sum, from, to,
                                  alarm_period, threshold));
    in.series.push_back(
        series_of(r.metrics, name, "HealthyHostCount", Statistic::Minimum, from, to, second, {}));
  }
  return in;
}

}  // namespace faultbox::cloud
