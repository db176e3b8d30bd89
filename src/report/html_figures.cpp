// The figures table shown under the verdict: each figure, its value and how it was measured.
#include <fmt/format.h>

#include "report/html_escape.h"
#include "report/html_sections.h"
#include "report/svg_chart.h"
#include "report/time_text.h"

namespace faultbox::report {

namespace {

std::string row(std::string_view name, const std::string& value, const std::string& how) {
  return fmt::format("<tr><th scope=\"row\">{}</th><td class=\"figure\">{}</td><td>{}</td></tr>",
                     escape_html(name), escape_html(value), escape_html(how));
}

std::string utc(TimePoint t) { return clock_time(t) + " UTC"; }

std::string whole_number(double v) { return fmt::format("{:.0f}", v); }

std::string detect_row(const Detection& d) {
  if (!d.time) {
    return row("Time to detect", "–", d.note);
  }
  return row("Time to detect", human_duration(*d.time),
             "First failed request at " + utc(*d.first_failure) +
                 "; stop-condition alarm in ALARM at " + utc(*d.alarm) + ".");
}

std::string recover_row(const Recovery& r) {
  switch (r.outcome) {
    case RecoveryOutcome::Recovered:
      return row("Time to recover", human_duration(*r.time),
                 "First fault at " + utc(*r.fault) +
                     "; healthy hosts below the desired capacity "
                     "from " +
                     utc(*r.dropped) + ", back at it at " + utc(*r.recovered) + ".");
    case RecoveryOutcome::NeverDropped:
      return row("Time to recover", "capacity never dropped", r.note);
    case RecoveryOutcome::NotRecovered:
      return row("Time to recover", "not recovered", r.note);
    case RecoveryOutcome::Unknown:
      break;
  }
  return row("Time to recover", "–", r.note);
}

}  // namespace

std::string availability_text(double percent) {
  std::string text = fmt::format("{:.2f} %", percent);
  // Never round a failure away: 99.999 % is not 100 %.
  return percent < 100 && text == "100.00 %" ? std::string("> 99.99 %") : text;
}

std::string figures_table(const Figures& f) {
  if (!f.measured) {
    return "<p class=\"note\">No figures: the experiment has not started.</p>";
  }
  std::string window = "During the experiment, " + utc(f.from) + " to " + utc(f.to);
  if (!f.load_balancers.empty()) {
    std::string names;
    for (const std::string& name : f.load_balancers) {
      names += (names.empty() ? "" : ", ") + name;
    }
    window += ", at " + names;
  }
  std::string out = "<table class=\"figures\" id=\"figures\"><tbody>";
  out += row("Requests", whole_number(f.requests), window + ".");
  out += row("Failed requests", whole_number(f.failed_requests),
             "HTTP 5XX from the load balancer (HTTPCode_ELB_5XX) or the instances "
             "(HTTPCode_Backend_5XX).");
  out += f.availability_percent
             ? row("Availability", availability_text(*f.availability_percent),
                   "Requests that did not fail, of all requests.")
             : row("Availability", "–", "No requests reached the load balancer.");
  out += f.longest_outage
             ? row("Longest outage", human_duration(f.longest_outage->length),
                   "From " + utc(f.longest_outage->start) +
                       ": consecutive seconds in which every request failed (seconds without "
                       "requests inside such a run count; a success ends it).")
             : row("Longest outage", "none", "No second in which every request failed.");
  out += detect_row(f.detection);
  out += recover_row(f.recovery);
  return out + "</tbody></table>";
}

}  // namespace faultbox::report
