// `faultbox instance stop|start|reboot|terminate ID...`: EC2's instance actions on the lab.
#include <iostream>

#include "cli/commands.h"
#include "cli/lab_connection.h"

namespace faultbox::cli {

void add_instance_command(CLI::App& app, GlobalOptions& global) {
  auto* cmd = app.add_subcommand("instance", "Stop, start, reboot or terminate instances");
  cmd->require_subcommand(1);
  set_examples(cmd, {"faultbox instance stop i-0a1b2c3d4e5f60718 i-0f1e2d3c4b5a69788"});
  for (const char* action : {"stop", "start", "reboot", "terminate"}) {
    auto ids = std::make_shared<std::vector<std::string>>();
    auto* sub = cmd->add_subcommand(action, std::string("Instance action: ") + action);
    sub->add_option("ids", *ids, "Instance ids (i-...)")->required();
    set_examples(sub, {std::string("faultbox instance ") + action + " i-0a1b2c3d4e5f60718"});
    std::string verb = action;
    sub->callback([&global, ids, verb] {
      auto lab = ensure_lab(global);
      if (!lab) {
        fail(lab.error());
      }
      bool failed = false;
      for (const auto& id : *ids) {
        auto answer = call_lab(*lab, "POST", "/_faultbox/instances/" + id + "/" + verb);
        if (!answer) {
          std::cerr << "error: " << answer.error().code << ": " << answer.error().message << "\n";
          failed = true;
          continue;
        }
        std::cout << id << ": " << (*answer)["State"].value("Name", "?") << "\n";
      }
      if (failed) {
        throw CommandFailed{1};
      }
    });
  }
}

}  // namespace faultbox::cli
