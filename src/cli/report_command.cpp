// `faultbox report ID`: writes the experiment's report as JSON and as a self-contained HTML page,
// then prints the verdict and the figures.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/lab_connection.h"
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

void add_report_command(CLI::App& app, GlobalOptions& global) {
  auto o = std::make_shared<ReportOptions>();
  auto* cmd = app.add_subcommand(
      "report", "Write an experiment's report: report-<id>.json and report-<id>.html (figures, "
                "timeline, instance states per AZ, load-balancer metrics, alarm transitions, "
                "targets, log), then print the figures");
  cmd->add_option("id", o->id, "Experiment id (EXP...)")->required();
  cmd->add_option("--dir", o->dir, "Where to write the files")->capture_default_str();
  cmd->add_option("--html", o->html, "Write the HTML page to this file instead");
  cmd->add_option("--json", o->json, "Write the JSON report to this file instead");
  cmd->callback([&global, o] {
    auto lab = ensure_lab(global);
    if (!lab) {
      fail(lab.error());
    }
    auto path = "/_faultbox/experiments/" + o->id + "/report";
    if (!global.region.empty()) {
      path += "?region=" + global.region;
    }
    auto answer = call_lab(*lab, "GET", path);
    if (!answer) {
      fail(answer.error());
    }
    auto base = std::filesystem::path(o->dir) / ("report-" + o->id);
    std::filesystem::path html = o->html.empty() ? base.string() + ".html" : o->html;
    std::filesystem::path json = o->json.empty() ? base.string() + ".json" : o->json;
    const auto& report = (*answer)["json"];
    write_file(json, report.dump(2) + "\n");
    write_file(html, (*answer)["html"].get<std::string>());
    if (global.output == "json") {
      std::cout << report.dump(2) << "\n";
      return;
    }
    const auto& verdict = report["verdict"];
    std::cout << verdict.value("title", "") << ": " << verdict.value("explanation", "") << "\n"
              << "wrote " << html.string() << " and " << json.string() << "\n"
              << report::figures_text(report.value("figures", nlohmann::json::object()));
  });
}

}  // namespace faultbox::cli
