// M-out-of-N evaluation with CloudWatch's treat-missing-data modes, and its reason texts.
//
// Rules (N = EvaluationPeriods, M = DatapointsToAlarm; breaching datapoints need not be
// consecutive):
//  - every datapoint missing: missing -> INSUFFICIENT_DATA, ignore -> keep the state,
//    breaching -> ALARM, notBreaching -> OK;
//  - breaching / notBreaching: each missing datapoint counts as breaching / not breaching, then
//    ALARM when at least M breach, else OK;
//  - missing / ignore: missing datapoints are not considered; ALARM when at least M real
//    datapoints breach, OK when at least N - M + 1 do not (ALARM is then impossible), else the
//    state is kept. Unlike CloudWatch the lab does not look back past the N periods for older
//    datapoints: its metrics arrive every second, so there is no late data to wait for.
#include "monitoring/alarm_decision.h"

#include <fmt/format.h>

#include <algorithm>

#include "monitoring/time_text.h"

namespace faultbox::monitoring {

namespace {
struct Counts {
  int breaching = 0;      // real datapoints that breach
  int not_breaching = 0;  // real datapoints that do not
  int missing = 0;
};

const char* plural(int n, const char* one, const char* many) { return n == 1 ? one : many; }

// "12.0 (25/11/26 03:41:10), 15.0 (25/11/26 03:41:00)", newest first, as CloudWatch lists them.
std::string listed(const AlarmSpec& spec, const std::vector<PeriodValue>& periods, bool breach) {
  std::string out;
  for (auto it = periods.rbegin(); it != periods.rend(); ++it) {
    if (!it->values) {
      continue;
    }
    auto v = statistic_value(*it->values, spec.statistic);
    if (breaches(spec.comparison, v, spec.threshold) == breach) {
      out += fmt::format("{}{} ({})", out.empty() ? "" : ", ", format_number(v),
                         reason_time(it->start));
    }
  }
  return out;
}

nlohmann::json reason_data(const AlarmSpec& spec, const std::vector<PeriodValue>& periods,
                           const EvaluationWindow& window, TimePoint now) {
  auto recent = nlohmann::json::array();
  auto evaluated = nlohmann::json::array();
  for (const auto& p : periods) {
    if (p.values) {
      recent.push_back(statistic_value(*p.values, spec.statistic));
    }
  }
  for (auto it = periods.rbegin(); it != periods.rend(); ++it) {
    nlohmann::json d = {{"timestamp", reason_data_time(it->start)}};
    if (it->values) {
      d["sampleCount"] = it->values->sample_count;
      d["value"] = statistic_value(*it->values, spec.statistic);
    }
    evaluated.push_back(std::move(d));
  }
  return {{"version", "1.0"},
          {"queryDate", reason_data_time(now)},
          {"startDate", reason_data_time(window.start)},
          {"statistic", statistic_name(spec.statistic)},
          {"period", spec.period.count()},
          {"recentDatapoints", recent},
          {"threshold", spec.threshold},
          {"evaluatedDatapoints", evaluated}};
}

std::string no_data_reason(int n, const char* treated_as) {
  return fmt::format(
      "Threshold Crossed: no datapoints were received for {} {} and {} missing {} {} treated as "
      "[{}].",
      n, plural(n, "period", "periods"), n, plural(n, "datapoint", "datapoints"),
      plural(n, "was", "were"), treated_as);
}

// `count` datapoints (`filled` of them missing ones counted this way) satisfy the outcome.
std::string crossed_reason(const AlarmSpec& spec, const std::vector<PeriodValue>& periods,
                           AlarmState from, AlarmState to, int count, int filled) {
  bool to_alarm = to == AlarmState::Alarm;
  int minimum =
      to_alarm ? spec.datapoints_to_alarm : spec.evaluation_periods - spec.datapoints_to_alarm + 1;
  auto text = fmt::format(
      "Threshold Crossed: {} out of the last {} datapoints [{}] {} {}{} the threshold ({})", count,
      spec.evaluation_periods, listed(spec, periods, to_alarm), plural(count, "was", "were"),
      to_alarm ? "" : "not ", operator_phrase(spec.comparison), format_number(spec.threshold));
  if (filled > 0) {
    text += fmt::format(" ({} missing {} {} treated as [{}])", filled,
                        plural(filled, "datapoint", "datapoints"), plural(filled, "was", "were"),
                        to_alarm ? "Breaching" : "NonBreaching");
  }
  return text + fmt::format(" (minimum {} {} for {} -> {} transition).", minimum,
                            plural(minimum, "datapoint", "datapoints"), state_name(from),
                            state_name(to));
}

Counts count(const AlarmSpec& spec, const std::vector<PeriodValue>& periods) {
  Counts c;
  for (const auto& p : periods) {
    if (!p.values) {
      ++c.missing;
    } else if (breaches(spec.comparison, statistic_value(*p.values, spec.statistic),
                        spec.threshold)) {
      ++c.breaching;
    } else {
      ++c.not_breaching;
    }
  }
  return c;
}
}  // namespace

EvaluationWindow evaluation_window(const AlarmSpec& spec, TimePoint now) {
  auto period_ms = std::chrono::duration_cast<Duration>(spec.period).count();
  auto lagged = (now - kDataLag).time_since_epoch().count();
  auto end = (lagged >= 0 ? lagged / period_ms : (lagged - period_ms + 1) / period_ms) * period_ms;
  auto start = end - period_ms * spec.evaluation_periods;
  return {TimePoint(Duration(start)), TimePoint(Duration(end))};
}

std::optional<StateChange> decide(const AlarmSpec& spec, const std::vector<PeriodValue>& periods,
                                  const EvaluationWindow& window, AlarmState current,
                                  TimePoint now) {
  auto c = count(spec, periods);
  auto n = static_cast<int>(periods.size());
  auto data = reason_data(spec, periods, window, now);
  if (c.missing == n) {
    switch (spec.treat_missing) {
      case TreatMissingData::Missing:
        return StateChange{AlarmState::InsufficientData,
                           fmt::format("Insufficient Data: {} {} {} unknown.", n,
                                       plural(n, "datapoint", "datapoints"),
                                       plural(n, "was", "were")),
                           data};
      case TreatMissingData::Ignore:
        return std::nullopt;
      case TreatMissingData::Breaching:
        return StateChange{AlarmState::Alarm, no_data_reason(n, "Breaching"), data};
      case TreatMissingData::NotBreaching:
        return StateChange{AlarmState::Ok, no_data_reason(n, "NonBreaching"), data};
    }
  }
  int filled_breaching = spec.treat_missing == TreatMissingData::Breaching ? c.missing : 0;
  int filled_ok = spec.treat_missing == TreatMissingData::NotBreaching ? c.missing : 0;
  int to_alarm = c.breaching + filled_breaching;
  int to_ok = c.not_breaching + filled_ok;
  if (to_alarm >= spec.datapoints_to_alarm) {
    return StateChange{
        AlarmState::Alarm,
        crossed_reason(spec, periods, current, AlarmState::Alarm, to_alarm, filled_breaching),
        data};
  }
  if (to_ok >= spec.evaluation_periods - spec.datapoints_to_alarm + 1) {
    return StateChange{AlarmState::Ok,
                       crossed_reason(spec, periods, current, AlarmState::Ok, to_ok, filled_ok),
                       data};
  }
  return std::nullopt;
}

}  // namespace faultbox::monitoring
