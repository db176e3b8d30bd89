// The figures in report_json's stable shape: every key always present, absent values as null.
#include <chrono>
#include <cmath>
#include <cstdint>

#include "core/iso8601.h"
#include "report/figures.h"
#include "report/time_text.h"

namespace faultbox::report {

using nlohmann::json;

namespace {

json time_or_null(const std::optional<TimePoint>& t) {
  return t ? json(format_iso8601(*t)) : json();
}

json seconds_or_null(const std::optional<Duration>& d) {
  return d ? json(std::chrono::duration<double>(*d).count()) : json();
}

json iso_or_null(const std::optional<Duration>& d) {
  return d ? json(format_iso_duration(*d)) : json();
}

// Counts are sums of whole requests: printed without a fraction.
json count(double v) {
  double whole = std::round(v);
  return whole == v && std::abs(v) < 9e15 ? json(static_cast<std::int64_t>(whole)) : json(v);
}

}  // namespace

json figures_json(const Figures& f) {
  json outage = {{"seconds", 0}, {"start", nullptr}};
  if (f.longest_outage) {
    outage = {{"seconds", std::chrono::duration<double>(f.longest_outage->length).count()},
              {"iso", format_iso_duration(f.longest_outage->length)},
              {"start", format_iso8601(f.longest_outage->start)}};
  }
  const Detection& d = f.detection;
  const Recovery& r = f.recovery;
  return {{"measured", f.measured},
          {"window", f.measured
                         ? json{{"start", format_iso8601(f.from)}, {"end", format_iso8601(f.to)}}
                         : json()},
          {"loadBalancers", f.load_balancers},
          {"requests", count(f.requests)},
          {"failedRequests", count(f.failed_requests)},
          {"availabilityPercent", f.availability_percent ? json(*f.availability_percent) : json()},
          {"longestOutage", outage},
          {"timeToDetect",
           {{"seconds", seconds_or_null(d.time)},
            {"iso", iso_or_null(d.time)},
            {"firstFailure", time_or_null(d.first_failure)},
            {"alarm", time_or_null(d.alarm)},
            {"note", d.note}}},
          {"timeToRecover",
           {{"outcome", recovery_outcome_name(r.outcome)},
            {"seconds", seconds_or_null(r.time)},
            {"iso", iso_or_null(r.time)},
            {"firstFault", time_or_null(r.fault)},
            {"dropped", time_or_null(r.dropped)},
            {"recovered", time_or_null(r.recovered)},
            {"note", r.note}}}};
}

}  // namespace faultbox::report
