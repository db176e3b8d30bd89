// Putting an instance's first process into its cgroups before it runs anything, so that no
// child it starts escapes them: the lab starts `faultbox join-cgroups --procs FILE... COMMAND`,
// which writes its own pid into each cgroup.procs FILE and then becomes COMMAND.
#pragma once

#include <string>
#include <vector>

namespace faultbox::limits {

inline constexpr const char* kJoinCgroupsCommand = "join-cgroups";

// The argv that runs `command` inside the cgroups of `procs_files` (from CgroupTree::prepare);
// `command` itself when there are none.
std::vector<std::string> join_cgroups_command(const std::string& faultbox_binary,
                                              const std::vector<std::string>& procs_files,
                                              std::vector<std::string> command);

// Joins the cgroups and executes `command` (argv[0] looked up in PATH). Returns only when it
// cannot, with the reason.
std::string join_cgroups_and_exec(const std::vector<std::string>& procs_files,
                                  const std::vector<std::string>& command);

}  // namespace faultbox::limits
