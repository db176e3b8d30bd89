// Terminal text for the figures, from their JSON form.
#include "report/figures_text.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>

#include "report/html_sections.h"
#include "report/time_text.h"

namespace faultbox::report {

using nlohmann::json;

namespace {

const json& at(const json& j, const char* key) {
  static const json kNull;
  return j.is_object() && j.contains(key) ? j[key] : kNull;
}

std::string utc(const json& iso) {
  auto t = parse_time(iso);
  return t ? clock_time(*t) + " UTC" : std::string("–");
}

std::string duration(const json& seconds) {
  if (!seconds.is_number() || !std::isfinite(seconds.get<double>())) {
    return "–";
  }
  return human_duration(Duration(std::llround(seconds.get<double>() * 1000)));
}

std::string count(const json& v) { return v.is_number() ? fmt::format("{:.0f}", v.get<double>()) : "–"; }

std::string line(std::string_view name, const std::string& value, const std::string& note = "") {
  return fmt::format("  {:<17}{}{}\n", name, value, note.empty() ? "" : "  (" + note + ")");
}

std::string note_of(const json& j) {
  const json& n = at(j, "note");
  return n.is_string() ? n.get<std::string>() : "";
}

}  // namespace

std::string availability_from_json(const json& figures) {
  const json& a = at(figures, "availabilityPercent");
  return a.is_number() ? availability_text(a.get<double>()) : "–";
}

std::string figures_text(const json& f) {
  if (!at(f, "measured").is_boolean() || !at(f, "measured").get<bool>()) {
    return "Figures: none, the experiment has not started.\n";
  }
  const json& window = at(f, "window");
  std::string out = "Figures (" + utc(at(window, "start")) + " to " + utc(at(window, "end")) +
                    "):\n";
  out += line("requests", count(at(f, "requests")));
  out += line("failed requests", count(at(f, "failedRequests")));
  out += line("availability", availability_from_json(f));
  const json& outage = at(f, "longestOutage");
  out += at(outage, "start").is_string()
             ? line("longest outage", duration(at(outage, "seconds")),
                    "from " + utc(at(outage, "start")))
             : line("longest outage", "none");
  const json& detect = at(f, "timeToDetect");
  out += at(detect, "seconds").is_number()
             ? line("time to detect", duration(at(detect, "seconds")),
                    "first failed request " + utc(at(detect, "firstFailure")) + ", alarm " +
                        utc(at(detect, "alarm")))
             : line("time to detect", "–", note_of(detect));
  const json& recover = at(f, "timeToRecover");
  const json& outcome = at(recover, "outcome");
  if (outcome == "recovered") {
    out += line("time to recover", duration(at(recover, "seconds")),
                "first fault " + utc(at(recover, "firstFault")) + ", healthy hosts back " +
                    utc(at(recover, "recovered")));
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
