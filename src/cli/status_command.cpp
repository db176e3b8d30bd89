// `faultbox status`: is a lab serving this data directory, and where.
#include <iostream>

#include "cli/commands.h"
#include "cli/lab_connection.h"

namespace faultbox::cli {

void add_status_command(CLI::App& app, GlobalOptions& global) {
  auto* cmd = app.add_subcommand("status", "Show whether a lab serves this data directory");
  cmd->callback([&global] {
    auto lab = find_running_lab(global.data_dir);
    if (!lab) {
      if (global.output == "json") {
        std::cout << nlohmann::json{{"running", false}}.dump(2) << "\n";
      } else {
        std::cout << "No lab is running in " << global.data_dir << ".\n";
      }
      throw CommandFailed{3};
    }
    auto health = call_lab(*lab, "GET", "/_faultbox/health");
    if (!health) {
      fail(health.error());
    }
    if (global.output == "json") {
      auto out = *health;
      out["running"] = true;
      out["url"] = lab->base_url();
      std::cout << out.dump(2) << "\n";
      return;
    }
    std::cout << "Lab running at " << lab->base_url() << " (pid " << lab->pid << ", speed "
              << lab->speed << "x, lab time " << health->value("time", "?") << ")\n";
  });
}

}  // namespace faultbox::cli
