// Report inputs shaped like the lab's output: a completed run and one halted by its alarm.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "core/iso8601.h"
#include "report/report.h"

namespace faultbox::report::testing {

// 2023-11-14T22:13:20Z, ManualClock's default start.
inline constexpr double kT0 = 1'700'000'000.0;
inline TimePoint at(double offset_seconds) {
  return TimePoint(Duration(static_cast<long long>((kT0 + offset_seconds) * 1000)));
}

inline nlohmann::json action(std::string id, std::string status, std::string reason,
                             nlohmann::json start, nlohmann::json end,
                             nlohmann::json start_after = nlohmann::json::array()) {
  nlohmann::json a = {{"actionId", id},
                      {"parameters", nlohmann::json::object()},
                      {"targets", {{"Instances", "web-instances"}}},
                      {"startAfter", start_after},
                      {"state", {{"status", status}, {"reason", reason}}}};
  if (!start.is_null()) {
    a["startTime"] = start;
  }
  if (!end.is_null()) {
    a["endTime"] = end;
  }
  return a;
}

inline nlohmann::json experiment(std::string status, std::string reason, double end_offset) {
  return {{"id", "EXP7Kq2pZx"},
          {"arn", "arn:aws:fis:eu-west-2:123456789012:experiment/EXP7Kq2pZx"},
          {"experimentTemplateId", "EXTa1b2c3"},
          {"state", {{"status", status}, {"reason", reason}}},
          {"targets",
           {{"web-instances",
             {{"resourceType", "aws:ec2:instance"},
              {"resourceTags", {{"Name", "web"}}},
              {"selectionMode", "COUNT(2)"}}}}},
          {"actions", nlohmann::json::object()},
          {"stopConditions",
           {{{"source", "aws:cloudwatch:alarm"},
             {"value", "arn:aws:cloudwatch:eu-west-2:123456789012:alarm:web-5xx"}}}},
          {"creationTime", kT0},
          {"startTime", kT0},
          {"endTime", kT0 + end_offset}};
}

inline nlohmann::json resolved_targets() {
  nlohmann::json out = nlohmann::json::array();
  for (std::string id : {"i-0b2c4d6e8f0a1b2c3", "i-0a1b2c3d4e5f60718"}) {
    out.push_back(
        {{"resourceType", "aws:ec2:instance"},
         {"targetName", "web-instances"},
         {"targetInformation", {{"arn", "arn:aws:ec2:eu-west-2:123456789012:instance/" + id}}}});
  }
  return out;
}

inline nlohmann::json log_record(double offset, std::string type, nlohmann::json details) {
  return {{"id", "EXP7Kq2pZx"},
          {"log_type", type},
          {"event_timestamp", format_iso8601(at(offset))},
          {"version", "2"},
          {"details", details}};
}

// Requests per 10 s from a minute before the start to a minute after the end; 5xx and healthy
// hosts dip while the stop action runs (offsets 1..121).
inline std::vector<Series> service_series(double end, double threshold) {
  Series requests{"RequestCount", "Count/10s", {}, std::nullopt};
  Series errors{"HTTPCode_ELB_5XX_Count", "Count", {}, threshold};
  Series healthy{"HealthyHostCount", "Count", {}, std::nullopt};
  for (double t = -60; t <= end + 60; t += 10) {
    bool hit = t >= 10 && t <= 120;
    requests.points.push_back({at(t), 100});
    errors.points.push_back({at(t), hit ? (t >= 80 && t <= 100 ? 8 : 2) : 0});
    healthy.points.push_back({at(t), hit ? 1 : 3});
  }
  return {requests, errors, healthy};
}

// Three instances in two AZs: two are stopped by the action (offset 1) and one of them is
// replaced by the group.
inline std::vector<InstanceStateChange> instance_states() {
  return {{at(-60), "i-0b2c4d6e8f0a1b2c3", "eu-west-2a", "running", true},
          {at(-60), "i-0a1b2c3d4e5f60718", "eu-west-2b", "running", true},
          {at(-60), "i-0c3d5e7f9a1b2c3d4", "eu-west-2a", "running", true},
          {at(1), "i-0b2c4d6e8f0a1b2c3", "eu-west-2a", "stopping", false},
          {at(1), "i-0a1b2c3d4e5f60718", "eu-west-2b", "stopping", false},
          {at(6), "i-0b2c4d6e8f0a1b2c3", "eu-west-2a", "stopped", false},
          {at(7), "i-0a1b2c3d4e5f60718", "eu-west-2b", "stopped", false},
          {at(40), "i-0a1b2c3d4e5f60718", "eu-west-2b", "shutting-down", false},
          {at(45), "i-0a1b2c3d4e5f60718", "eu-west-2b", "terminated", false},
          {at(41), "i-0d4e6f8a0b2c4d6e8", "eu-west-2b", "pending", false},
          {at(60), "i-0d4e6f8a0b2c4d6e8", "eu-west-2b", "running", false}};
}

// Per second: 10 requests, all failing from 20 to 50 s, healthy hosts 3 -> 1 -> 3 at 130 s.
inline std::vector<BalancerTraffic> traffic(double end) {
  BalancerTraffic lb{"web-elb", {}, {}, {}, {}, 3};
  for (double t = -60; t <= end + 60; ++t) {
    lb.requests.push_back({at(t), 10});
    if (t >= 20 && t <= 50) {
      lb.elb_5xx.push_back({at(t), 10});
    }
    lb.healthy_hosts.push_back({at(t), t >= 2 && t < 130 ? 1 : 3});
  }
  return {lb};
}

inline ReportInput completed_input() {
  ReportInput in;
  in.experiment = experiment("completed", "Experiment completed.", 181.5);
  in.experiment["actions"] = {{"stop-two", action("aws:ec2:stop-instances", "completed",
                                                  "Action was completed.", kT0 + 1, kT0 + 121)},
                              {"wait", action("aws:fis:wait", "completed", "Action was completed.",
                                              kT0 + 121, kT0 + 181, {"stop-two"})}};
  in.resolved_targets = resolved_targets();
  in.log = {log_record(0, "experiment-start", {{"experiment_state", "running"}}),
            log_record(1, "action-start", {{"action_name", "stop-two"}}),
            log_record(181.5, "experiment-end", {{"experiment_state", "completed"}})};
  in.series = service_series(181.5, 50);
  in.generated_at = "2023-11-14T22:20:00.000Z";
  return in;
}

inline ReportInput stopped_input() {
  ReportInput in;
  in.experiment = experiment("stopped", "Experiment halted by stop condition.", 95);
  in.experiment["actions"] = {
      {"stop-two",
       action("aws:ec2:stop-instances", "stopped", "Action was stopped.", kT0 + 1, kT0 + 95)},
      {"wait", action("aws:fis:wait", "cancelled",
                      "Action was cancelled: the experiment ended before it started.", nullptr,
                      nullptr, {"stop-two"})}};
  in.resolved_targets = resolved_targets();
  in.series = service_series(95, 5);
  in.alarms = {{at(200), "web-5xx", "ALARM", "OK", "Threshold Crossed: back under 5."},
               {at(-50), "web-5xx", "INSUFFICIENT_DATA", "OK", "Threshold Crossed: 0 < 5."},
               {at(90), "web-5xx", "OK", "ALARM", "Threshold Crossed: 1 datapoint [8.0] > 5."}};
  in.generated_at = "2023-11-14T22:20:00.000Z";
  return in;
}

}  // namespace faultbox::report::testing
