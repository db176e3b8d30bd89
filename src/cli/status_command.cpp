// `faultbox status`: is a lab serving this data directory, and where.
#include <iostream>

#include "cli/commands.h"
#include "cli/lab_connection.h"
#include "core/json_text.h"

namespace faultbox::cli {

void add_status_command(CLI::App& app, GlobalOptions& global) {
  auto* cmd = app.add_subcommand("status", "Show whether a lab serves this data directory");
  set_examples(cmd, {"faultbox status", "faultbox --output json status"});
  cmd->callback([&global] {
    auto lab = wait_for_running_lab(global);
    if (!lab) {
      if (global.output == "json") {
        std::cout << json_text(nlohmann::json{{"running", false}}, 2) << "\n";
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
      std::cout << json_text(out, 2) << "\n";
      return;
    }
    std::cout << "Lab running at " << lab->base_url() << " (pid " << lab->pid << ", speed "
              << lab->speed << "x, lab time " << health->value("time", "?") << ")\n";
  });
}

}  // namespace faultbox::cli
