// `faultbox report ID`: writes the experiment's report as JSON and as a self-contained HTML page,
// then prints the verdict and the figures.
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/lab_connection.h"
#include "cli/report_files.h"
#include "core/json_text.h"
#include "report/figures_text.h"

namespace faultbox::cli {

namespace {

struct ReportOptions {
  std::string id;
  std::string dir = ".";
  std::string html;  // explicit file, else <dir>/report-<id>.html
  std::string json;  // explicit file, else <dir>/report-<id>.json
};

// Writes `text` to `path`, making its directory; fails the command with the path on error.
void write_file(const std::filesystem::path& path, const std::string& text) {
  std::error_code ec;
  if (path.has_parent_path()) {
    std::filesystem::create_directories(path.parent_path(), ec);
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (ec || !out) {
    fail(errors::internal("cannot write " + path.string()));
  }
}

}  // namespace

WrittenReport write_experiment_report(const GlobalOptions& global, const std::string& id,
                                      const std::filesystem::path& dir,
                                      const std::filesystem::path& html,
                                      const std::filesystem::path& json) {
  auto answer = lab_request(global, "GET", "/_faultbox/experiments/" + id + "/report");
  auto base = dir / ("report-" + id);
  WrittenReport out{html.empty() ? std::filesystem::path(base.string() + ".html") : html,
                    json.empty() ? std::filesystem::path(base.string() + ".json") : json,
                    answer["json"]};
  write_file(out.json, json_text(out.report, 2) + "\n");
  write_file(out.html, answer["html"].get<std::string>());
  return out;
}

void add_report_command(CLI::App& app, GlobalOptions& global) {
  auto o = std::make_shared<ReportOptions>();
  auto* cmd = app.add_subcommand(
      "report",
      "Write an experiment's report: report-<id>.json and report-<id>.html (figures, "
      "timeline, instance states and capacity per AZ, load-balancer metrics, alarm transitions, "
      "targets, log), then print the figures");
  cmd->add_option("id", o->id, "Experiment id (EXP...)")->required();
  cmd->add_option("--dir", o->dir, "Where to write the files")->capture_default_str();
  cmd->add_option("--html", o->html, "Write the HTML page to this file instead");
  cmd->add_option("--json", o->json, "Write the JSON report to this file instead");
  set_examples(cmd, {"faultbox report EXP7cTn2KzQ9bWx4R --dir reports"});
  cmd->callback([&global, o] {
    auto written = write_experiment_report(global, o->id, o->dir, o->html, o->json);
    if (global.output == "json") {
      std::cout << json_text(written.report, 2) << "\n";
      return;
    }
    const auto& verdict = written.report["verdict"];
    std::cout << verdict.value("title", "") << ": " << verdict.value("explanation", "") << "\n"
              << "wrote " << written.html.string() << " and " << written.json.string() << "\n"
              << report::figures_text(written.report.value("figures", nlohmann::json::object()));
  });
}

}  // namespace faultbox::cli
