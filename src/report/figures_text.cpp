// Terminal text for the figures, from their JSON form.
#include "report/figures_text.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>

#include "core/iso8601.h"
#include "report/experiment_view.h"
#include "report/html_sections.h"
#include "report/time_text.h"

namespace faultbox::report {

using nlohmann::json;

namespace {

std::string utc(const json& iso) {
  auto t = instant_from_json(iso);
  return t ? clock_time(*t) + " UTC" : std::string("–");
}

std::string duration(const json& seconds) {
  if (!seconds.is_number() || !std::isfinite(seconds.get<double>())) {
    return "–";
  }
  return human_duration(Duration(std::llround(seconds.get<double>() * 1000)));
}

std::string count(const json& v) {
  return v.is_number() ? fmt::format("{:.0f}", v.get<double>()) : "–";
}

std::string line(std::string_view name, const std::string& value, const std::string& note = "") {
  return fmt::format("  {:<17}{}{}\n", name, value, note.empty() ? "" : "  (" + note + ")");
}

std::string note_of(const json& j) {
  const json& n = member(j, "note");
  return n.is_string() ? n.get<std::string>() : "";
}

}  // namespace

std::string availability_from_json(const json& figures) {
  const json& a = member(figures, "availabilityPercent");
  return a.is_number() ? availability_text(a.get<double>()) : "–";
}

std::string figures_text(const json& f) {
  if (!member(f, "measured").is_boolean() || !member(f, "measured").get<bool>()) {
    return "Figures: none, the experiment has not started.\n";
  }
  const json& window = member(f, "window");
  std::string out =
      "Figures (" + utc(member(window, "start")) + " to " + utc(member(window, "end")) + "):\n";
  out += line("requests", count(member(f, "requests")));
  out += line("failed requests", count(member(f, "failedRequests")));
  out += line("availability", availability_from_json(f));
  const json& outage = member(f, "longestOutage");
  out += member(outage, "start").is_string()
             ? line("longest outage", duration(member(outage, "seconds")),
                    "from " + utc(member(outage, "start")))
             : line("longest outage", "none");
  const json& detect = member(f, "timeToDetect");
  out += member(detect, "seconds").is_number()
             ? line("time to detect", duration(member(detect, "seconds")),
                    "first failed request " + utc(member(detect, "firstFailure")) + ", alarm " +
                        utc(member(detect, "alarm")))
             : line("time to detect", "–", note_of(detect));
  const json& recover = member(f, "timeToRecover");
  const json& outcome = member(recover, "outcome");
  if (outcome == "recovered") {
    out += line("time to recover", duration(member(recover, "seconds")),
                "first fault " + utc(member(recover, "firstFault")) + ", healthy hosts back " +
                    utc(member(recover, "recovered")));
  } else if (outcome == "never-dropped") {
    out += line("time to recover", "capacity never dropped");
  } else if (outcome == "not-recovered") {
    out += line("time to recover", "not recovered", note_of(recover));
  } else {
    out += line("time to recover", "–", note_of(recover));
  }
  return out;
}

}  // namespace faultbox::report
