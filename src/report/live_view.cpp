#include "report/live_view.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/iso8601.h"
#include "report/experiment_view.h"
#include "report/time_text.h"

namespace faultbox::report {

using nlohmann::json;

namespace {

long number(const json& object, const char* key) {
  const json& v = member(object, key);
  return v.is_number() ? v.get<long>() : 0;
}

// "3/3" healthy hosts against the group's desired capacity, or "3" without a group.
std::string hosts_text(const json& balancer) {
  const json& desired = member(balancer, "desired");
  auto healthy = number(balancer, "healthy");
  return desired.is_number() ? fmt::format("{}/{}", healthy, desired.get<long>())
                             : std::to_string(healthy);
}

// "1m 12s in" while running, "ran 3m 0s" once finished, "" before the start.
std::string elapsed_text(const ExperimentView& e, const json& live) {
  if (!e.start) {
    return "";
  }
  if (e.end) {
    return "ran " + human_duration(*e.end - *e.start);
  }
  auto now = instant_from_json(member(live, "labTime"));
  return now ? human_duration(*now - *e.start) + " in" : "";
}

std::size_t widest(const std::vector<ActionView>& actions, std::string ActionView::*field) {
  std::size_t w = 0;
  for (const auto& a : actions) {
    w = std::max(w, (a.*field).size());
  }
  return w;
}

}  // namespace

std::string traffic_strip(const json& seconds) {
  std::string strip;
  if (!seconds.is_array()) {
    return strip;
  }
  for (const auto& s : seconds) {
    auto requests = number(s, "requests");
    strip += requests == 0 ? kTrafficIdle : number(s, "failed") > 0 ? kTrafficFailed : kTrafficOk;
  }
  return strip;
}

std::vector<std::string> render_live(const json& live, std::size_t strip_width) {
  ExperimentView e = read_experiment(member(live, "experiment"));
  std::vector<std::string> lines;
  auto elapsed = elapsed_text(e, live);
  lines.push_back(fmt::format("{}  {}  {}{}", e.id, e.status, e.reason,
                              elapsed.empty() ? "" : "  (" + elapsed + ")"));
  auto name_width = widest(e.actions, &ActionView::name);
  auto id_width = widest(e.actions, &ActionView::action_id);
  for (const auto& a : e.actions) {
    lines.push_back(fmt::format("  {:<{}}  {:<{}}  {:<10}  {}", a.name, name_width, a.action_id,
                                id_width, a.status, a.reason));
  }
  for (const auto& alarm : member(live, "alarms")) {
    lines.push_back(fmt::format("Alarm    {}  {}", string_member(alarm, "name"),
                                string_member(alarm, "state")));
  }
  for (const auto& b : member(live, "balancers")) {
    auto strip = traffic_strip(member(b, "seconds"));
    if (strip.size() > strip_width) {
      strip = strip.substr(strip.size() - strip_width);
    }
    lines.push_back(
        fmt::format("Hosts    {}  {} healthy", string_member(b, "name"), hosts_text(b)));
    lines.push_back(fmt::format("Traffic  {}", strip));
  }
  return lines;
}

std::string live_signature(const json& live) {
  ExperimentView e = read_experiment(member(live, "experiment"));
  std::string sig = e.status;
  for (const auto& a : e.actions) {
    sig += "|" + a.name + "=" + a.status;
  }
  for (const auto& alarm : member(live, "alarms")) {
    sig += "|" + string_member(alarm, "name") + "=" + string_member(alarm, "state");
  }
  for (const auto& b : member(live, "balancers")) {
    sig += "|" + string_member(b, "name") + "=" + hosts_text(b);
  }
  return sig;
}

std::string live_line(const json& live) {
  ExperimentView e = read_experiment(member(live, "experiment"));
  auto elapsed = elapsed_text(e, live);
  std::string line = fmt::format("[{}] {}", elapsed.empty() ? "-" : elapsed, e.status);
  std::string actions;
  for (const auto& a : e.actions) {
    actions += (actions.empty() ? "" : ", ") + a.name + " " + a.status;
  }
  if (!actions.empty()) {
    line += " | " + actions;
  }
  for (const auto& alarm : member(live, "alarms")) {
    line += " | alarm " + string_member(alarm, "state");
  }
  for (const auto& b : member(live, "balancers")) {
    line += " | hosts " + hosts_text(b);
  }
  return line;
}

std::vector<std::string> traffic_block(const json& live, std::size_t width) {
  std::vector<std::string> lines;
  width = std::max<std::size_t>(width, 1);
  ExperimentView e = read_experiment(member(live, "experiment"));
  for (const auto& b : member(live, "balancers")) {
    const json& seconds = member(b, "seconds");
    auto strip = traffic_strip(seconds);
    lines.push_back(fmt::format("Traffic through {} ({} s; '{}' all answered, '{}' failures, "
                                "'{}' no requests; offsets from the experiment's start):",
                                string_member(b, "name"), strip.size(), kTrafficOk, kTrafficFailed,
                                kTrafficIdle));
    // Offsets count from the experiment's start; the strip begins a little before it.
    long first = 0;
    if (!strip.empty() && e.start) {
      if (auto t = instant_from_json(member(seconds[0], "t"))) {
        first = static_cast<long>(
            std::chrono::duration_cast<std::chrono::seconds>(*t - *e.start).count());
      }
    }
    for (std::size_t at = 0; at < strip.size(); at += width) {
      auto offset = first + static_cast<long>(at);
      lines.push_back(fmt::format("  {:>6}  {}",
                                  fmt::format("{}{}s", offset < 0 ? "" : "+", offset),
                                  strip.substr(at, width)));
    }
  }
  return lines;
}

}  // namespace faultbox::report
