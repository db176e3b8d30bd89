// `faultbox alarms` and `faultbox logs`: CloudWatch alarms with their history, and CloudWatch
// Logs groups with their events (FIS experiment logs land there).
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "cli/lab_connection.h"
#include "cli/table.h"
#include "core/clock.h"
#include "core/iso8601.h"
#include "core/json_text.h"
#include "net/http_message.h"

namespace faultbox::cli {

namespace {
using nlohmann::json;

void add_alarms(CLI::App& app, GlobalOptions& global) {
  auto* alarms = app.add_subcommand("alarms", "List CloudWatch alarms with state and history");
  set_examples(alarms, {"faultbox alarms", "faultbox --region eu-west-2 --output json alarms"});
  alarms->callback([&global] {
    auto out = lab_request(global, "GET", "/_faultbox/alarms");
    if (global.output == "json") {
      std::cout << json_text(out, 2) << "\n";
      return;
    }
    for (const auto& a : out["MetricAlarms"]) {
      std::cout << a.value("AlarmName", "") << "  " << a.value("StateValue", "") << "  "
                << a.value("StateReason", "") << "\n";
      std::string points;
      for (const auto& p : a.value("Datapoints", json::array())) {
        points += (points.empty() ? "" : ", ") +
                  (p["Value"].is_number() ? fmt::format("{:g}", p["Value"].get<double>()) : "-");
      }
      std::cout << "  datapoints (" << a.value("Statistic", "") << " per " << a.value("Period", 0)
                << " s, oldest first, - = no data): " << points << "  threshold "
                << a.value("ComparisonOperator", "") << " " << a.value("Threshold", 0.0) << "\n";
      for (const auto& h : a["History"]) {
        std::cout << "  " << h.value("Timestamp", "") << "  " << h.value("HistorySummary", "")
                  << "\n";
      }
    }
  });
}

std::string query_value(const std::string& text) { return net::url_encode(text); }

void add_logs(CLI::App& app, GlobalOptions& global) {
  auto group = std::make_shared<std::string>();
  auto stream = std::make_shared<std::string>();
  auto filter = std::make_shared<std::string>();
  auto* logs = app.add_subcommand(
      "logs", "CloudWatch Logs: without GROUP, list the log groups; with it, print its events "
              "(FIS experiment logs: one stream per experiment id)");
  logs->add_option("group", *group, "Log group name, e.g. /aws/fis/funky");
  logs->add_option("--stream", *stream, "Only this log stream (an experiment id)");
  logs->add_option("--filter", *filter, "Only events containing every word (\"quoted phrase\")");
  set_examples(logs, {"faultbox logs",
                      "faultbox logs /aws/fis/funky --stream EXP7cTn2KzQ9bWx4R --filter stopped"});
  logs->callback([&global, group, stream, filter] {
    if (group->empty()) {
      auto out = lab_request(global, "GET", "/_faultbox/logs");
      if (global.output == "json") {
        std::cout << json_text(out, 2) << "\n";
        return;
      }
      std::vector<std::vector<std::string>> rows;
      for (const auto& g : out["logGroups"]) {
        rows.push_back({g.value("logGroupName", ""), g.value("arn", ""),
                        std::to_string(g.value("storedBytes", 0))});
      }
      std::cout << render_table({"LOG GROUP", "ARN", "BYTES"}, rows);
      return;
    }
    std::string path = "/_faultbox/logs?group=" + query_value(*group);
    if (!stream->empty()) {
      path += "&stream=" + query_value(*stream);
    }
    if (!filter->empty()) {
      path += "&filter=" + query_value(*filter);
    }
    auto out = lab_request(global, "GET", path);
    if (global.output == "json") {
      std::cout << json_text(out, 2) << "\n";
      return;
    }
    for (const auto& e : out["events"]) {
      auto at = TimePoint(Duration(e.value("timestamp", 0LL)));
      std::cout << format_iso8601(at) << "  " << e.value("logStreamName", "") << "  "
                << e.value("message", "") << "\n";
    }
  });
}
}  // namespace

void add_cloudwatch_commands(CLI::App& app, GlobalOptions& global) {
  add_alarms(app, global);
  add_logs(app, global);
}

}  // namespace faultbox::cli
