// `faultbox report ID`: writes the experiment's report as JSON and as a self-contained HTML page.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/lab_connection.h"

namespace faultbox::cli {

void add_report_command(CLI::App& app, GlobalOptions& global) {
  auto id = std::make_shared<std::string>();
  auto dir = std::make_shared<std::string>(".");
  auto* cmd = app.add_subcommand(
      "report", "Write an experiment's report: report-<id>.json and report-<id>.html (timeline, "
                "load-balancer metrics, alarm transitions, targets, log)");
  cmd->add_option("id", *id, "Experiment id (EXP...)")->required();
  cmd->add_option("--dir", *dir, "Where to write the files")->capture_default_str();
  cmd->callback([&global, id, dir] {
    auto lab = ensure_lab(global);
    if (!lab) {
      fail(lab.error());
    }
    auto path = "/_faultbox/experiments/" + *id + "/report";
    if (!global.region.empty()) {
      path += "?region=" + global.region;
    }
    auto answer = call_lab(*lab, "GET", path);
    if (!answer) {
      fail(answer.error());
    }
    std::filesystem::create_directories(*dir);
    auto base = std::filesystem::path(*dir) / ("report-" + *id);
    std::ofstream(base.string() + ".json") << (*answer)["json"].dump(2) << "\n";
    std::ofstream(base.string() + ".html") << (*answer)["html"].get<std::string>();
    if (global.output == "json") {
      std::cout << (*answer)["json"].dump(2) << "\n";
      return;
    }
    const auto& verdict = (*answer)["json"]["verdict"];
    std::cout << verdict.value("title", "") << ": " << verdict.value("explanation", "") << "\n"
              << "wrote " << base.string() << ".html and " << base.string() << ".json\n";
  });
}

}  // namespace faultbox::cli
