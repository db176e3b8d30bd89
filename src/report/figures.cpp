// Requests, failures, outage, detection and recovery from per-second series.
#include "report/figures.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

#include "core/iso8601.h"
#include "report/svg_chart.h"
#include "report/time_text.h"

namespace faultbox::report {

namespace {

constexpr Duration kSecond = std::chrono::seconds(1);

// A bucket [at, at + 1 s) counts when it overlaps [from, to).
bool overlaps(TimePoint at, TimePoint from, TimePoint to) { return at + kSecond > from && at < to; }

SecondValues sorted(SecondValues values) {
  std::sort(values.begin(), values.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  return values;
}

// One balancer's drop and recovery after `from`.
struct BalancerRecovery {
  std::optional<TimePoint> dropped;
  std::optional<TimePoint> recovered;
  std::optional<TimePoint> last_point;  // absent: no host count after `from`
};

BalancerRecovery scan_recovery(const SecondValues& healthy, double desired, TimePoint from) {
  BalancerRecovery r;
  for (const auto& [at, value] : sorted(healthy)) {
    if (at + kSecond <= from) {
      continue;
    }
    r.last_point = at;
    if (!r.dropped) {
      if (value < desired) {
        r.dropped = at;
      }
    } else if (value >= desired) {
      r.recovered = at;
      break;
    }
  }
  return r;
}

}  // namespace

std::vector<SecondCounts> seconds_between(const std::vector<BalancerTraffic>& traffic,
                                          TimePoint from, TimePoint to) {
  std::map<TimePoint, SecondCounts> by_time;
  auto add = [&](const SecondValues& values, double SecondCounts::*field) {
    for (const auto& [at, value] : values) {
      if (overlaps(at, from, to) && std::isfinite(value)) {
        auto& slot = by_time.try_emplace(at, SecondCounts{at, 0, 0}).first->second;
        slot.*field += value;
      }
    }
  };
  for (const BalancerTraffic& b : traffic) {
    add(b.requests, &SecondCounts::requests);
    add(b.elb_5xx, &SecondCounts::failed);
    add(b.backend_5xx, &SecondCounts::failed);
  }
  std::vector<SecondCounts> out;
  out.reserve(by_time.size());
  for (const auto& entry : by_time) {
    out.push_back(entry.second);
  }
  return out;
}

std::optional<Outage> longest_outage(const std::vector<SecondCounts>& seconds) {
  std::optional<Outage> best;
  std::optional<TimePoint> run_start;
  for (const SecondCounts& s : seconds) {
    if (s.requests <= 0) {
      continue;  // no evidence either way
    }
    if (s.failed < s.requests) {
      run_start.reset();
      continue;
    }
    if (!run_start) {
      run_start = s.at;
    }
    Duration length = s.at + kSecond - *run_start;
    if (!best || length > best->length) {
      best = Outage{*run_start, length};
    }
  }
  return best;
}

Detection time_to_detect(const std::vector<SecondCounts>& seconds,
                         const std::vector<TimePoint>& stop_alarms, bool has_stop_alarms) {
  Detection d;
  auto first = std::find_if(seconds.begin(), seconds.end(),
                            [](const SecondCounts& s) { return s.failed > 0; });
  if (first == seconds.end()) {
    d.note = "No request failed during the experiment.";
    return d;
  }
  d.first_failure = first->at;
  if (!has_stop_alarms) {
    d.note = "The experiment has no stop-condition alarm to detect failures.";
    return d;
  }
  for (TimePoint t : stop_alarms) {
    if (t >= first->at && (!d.alarm || t < *d.alarm)) {
      d.alarm = t;
    }
  }
  if (!d.alarm) {
    d.note = "No stop-condition alarm went to ALARM after the first failed request.";
    return d;
  }
  d.time = *d.alarm - *d.first_failure;
  return d;
}

Recovery time_to_recover(const std::vector<BalancerTraffic>& traffic,
                         std::optional<TimePoint> fault) {
  Recovery r;
  r.fault = fault;
  if (!fault) {
    r.note = "No fault action (other than aws:fis:wait) started.";
    return r;
  }
  int considered = 0;
  std::string still_down;
  for (const BalancerTraffic& b : traffic) {
    if (!b.desired_capacity) {
      continue;
    }
    BalancerRecovery one = scan_recovery(b.healthy_hosts, *b.desired_capacity, *fault);
    if (!one.last_point) {
      continue;
    }
    ++considered;
    if (one.dropped && (!r.dropped || *one.dropped < *r.dropped)) {
      r.dropped = one.dropped;
    }
    if (one.dropped && !one.recovered) {
      still_down =
          fmt::format("Healthy hosts of {} were still below the desired capacity ({}) at "
                      "{} UTC, the end of the report window.",
                      b.name, format_number(*b.desired_capacity), clock_time(*one.last_point));
    } else if (one.recovered && (!r.recovered || *one.recovered > *r.recovered)) {
      r.recovered = one.recovered;
    }
  }
  if (considered == 0) {
    r.note = "No load balancer with an auto-scaling group and healthy-host data.";
  } else if (!still_down.empty()) {
    r.outcome = RecoveryOutcome::NotRecovered;
    r.recovered.reset();
    r.note = still_down;
  } else if (!r.dropped) {
    r.outcome = RecoveryOutcome::NeverDropped;
    r.note = "Healthy hosts never dropped below the desired capacity after the first fault.";
  } else {
    r.outcome = RecoveryOutcome::Recovered;
    r.time = *r.recovered - *fault;
    r.note = "Healthy hosts back at the desired capacity at " + clock_time(*r.recovered) + " UTC.";
  }
  return r;
}

std::optional<TimePoint> first_fault(const ExperimentView& e) {
  std::optional<TimePoint> first;
  for (const ActionView& a : e.actions) {
    if (a.start && a.action_id != "aws:fis:wait" && (!first || *a.start < *first)) {
      first = a.start;
    }
  }
  return first;
}

Figures compute_figures(const ExperimentView& e, const ReportInput& input) {
  Figures f;
  for (const BalancerTraffic& b : input.traffic) {
    f.load_balancers.push_back(b.name);
  }
  if (!e.start) {
    f.detection.note = "The experiment has not started.";
    f.recovery.note = f.detection.note;
    return f;
  }
  f.measured = true;
  f.from = *e.start;
  f.to = e.end ? *e.end : instant_from_json(input.generated_at).value_or(*e.start);
  auto seconds = seconds_between(input.traffic, f.from, f.to);
  for (const SecondCounts& s : seconds) {
    f.requests += s.requests;
    f.failed_requests += s.failed;
  }
  f.failed_requests = std::min(f.failed_requests, f.requests);
  if (f.requests > 0) {
    f.availability_percent = (f.requests - f.failed_requests) / f.requests * 100;
  }
  f.longest_outage = longest_outage(seconds);
  std::vector<TimePoint> alarms;
  for (const AlarmMark& mark : input.alarms) {
    bool stop = std::find(e.stop_alarm_names.begin(), e.stop_alarm_names.end(), mark.alarm_name) !=
                e.stop_alarm_names.end();
    if (stop && mark.to == "ALARM") {
      alarms.push_back(mark.at);
    }
  }
  f.detection = time_to_detect(seconds, alarms, !e.stop_alarm_names.empty());
  f.recovery = time_to_recover(input.traffic, first_fault(e));
  return f;
}

std::string_view recovery_outcome_name(RecoveryOutcome outcome) {
  switch (outcome) {
    case RecoveryOutcome::Recovered:
      return "recovered";
    case RecoveryOutcome::NeverDropped:
      return "never-dropped";
    case RecoveryOutcome::NotRecovered:
      return "not-recovered";
    case RecoveryOutcome::Unknown:
      break;
  }
  return "unknown";
}

}  // namespace faultbox::report
