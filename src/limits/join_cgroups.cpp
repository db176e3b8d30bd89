#include "limits/join_cgroups.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace faultbox::limits {

std::vector<std::string> join_cgroups_command(const std::string& faultbox_binary,
                                              const std::vector<std::string>& procs_files,
                                              std::vector<std::string> command) {
  if (procs_files.empty()) return command;
  std::vector<std::string> argv{faultbox_binary, kJoinCgroupsCommand};
  for (const auto& file : procs_files) {
    argv.insert(argv.end(), {"--procs", file});
  }
  argv.insert(argv.end(), std::make_move_iterator(command.begin()),
              std::make_move_iterator(command.end()));
  return argv;
}

std::string join_cgroups_and_exec(const std::vector<std::string>& procs_files,
                                  const std::vector<std::string>& command) {
  if (command.empty()) return "no command to run";
  for (const auto& file : procs_files) {
    std::ofstream out(file);
    out << ::getpid() << std::flush;
    if (!out) {
      return "cannot join the cgroup " + file + ": " + std::strerror(errno);
    }
  }
  std::vector<char*> argv;
  for (const auto& arg : command) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  ::execvp(argv[0], argv.data());
  return "cannot run " + command[0] + ": " + std::strerror(errno);
}

}  // namespace faultbox::limits
