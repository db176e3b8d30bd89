// `faultbox down`: stop the lab of this data directory and every instance process it started.
#include <signal.h>

#include <chrono>
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "cli/lab_connection.h"

namespace faultbox::cli {

namespace {
bool process_alive(int pid) { return pid > 0 && ::kill(pid, 0) == 0; }

bool wait_for_exit(int pid, std::chrono::seconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (process_alive(pid) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return !process_alive(pid);
}
}  // namespace

std::optional<int> stop_lab(const GlobalOptions& global) {
  auto lab = find_running_lab(global.data_dir);
  if (!lab) {
    return std::nullopt;
  }
  auto answer = call_lab(*lab, "POST", "/_faultbox/shutdown");
  if (!answer || !wait_for_exit(lab->pid, std::chrono::seconds(30))) {
    // The lab did not stop by itself: end it by its PID, as recorded in lab.json.
    ::kill(lab->pid, SIGTERM);
    if (!wait_for_exit(lab->pid, std::chrono::seconds(5))) {
      ::kill(lab->pid, SIGKILL);
    }
  }
  return lab->pid;
}

void add_down_command(CLI::App& app, GlobalOptions& global) {
  auto* cmd = app.add_subcommand("down", "Stop the lab and every instance process it started");
  cmd->callback([&global] {
    auto pid = stop_lab(global);
    if (!pid) {
      std::cout << "No lab is running in " << global.data_dir << ".\n";
      return;
    }
    std::cout << "Lab stopped (pid " << *pid << ").\n";
  });
}

}  // namespace faultbox::cli
