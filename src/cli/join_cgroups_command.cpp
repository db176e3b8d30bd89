// `faultbox join-cgroups --procs FILE... COMMAND...`: how the lab starts an instance's first
// process inside the instance's cgroups (limits/join_cgroups.h). Hidden: the lab runs it.
#include <iostream>

#include "cli/commands.h"
#include "cli/lab_connection.h"
#include "limits/join_cgroups.h"

namespace faultbox::cli {

void add_join_cgroups_command(CLI::App& app, GlobalOptions&) {
  auto* cmd = app.add_subcommand(
      limits::kJoinCgroupsCommand,
      "(internal) Joins the cgroups whose cgroup.procs files are given, then runs the command");
  cmd->group("");
  auto procs = std::make_shared<std::vector<std::string>>();
  cmd->add_option("--procs", *procs, "A cgroup.procs file to write this process's pid into")
      ->allow_extra_args(false);  // one file per --procs: the command follows
  cmd->prefix_command();          // from the command's first word on, nothing is parsed
  cmd->callback([cmd, procs] {
    const auto why = limits::join_cgroups_and_exec(*procs, cmd->remaining());  // on failure only
    std::cerr << "faultbox join-cgroups: " << why << "\n";
    throw CommandFailed{127};
  });
}

}  // namespace faultbox::cli
