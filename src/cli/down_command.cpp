// `faultbox down`: stop the lab of this data directory and every instance process it started;
// after a lab was killed (kill -9), what it left: its instance processes and its network faults.
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "cli/lab_connection.h"
#include "compute/orphaned_processes.h"
#include "lab/lab_lock.h"
#include "limits/cgroup_tree.h"
#include "limits/instance_disks.h"
#include "netfault/kernel_packet_path.h"

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
// What a killed lab of `data_dir` left: the instance processes that carry its directory, its
// packet filter's rules (removed by finding the filter, as the next lab's start does), its
// instances' cgroups and their mounted disks.
void clean_up_after_killed_lab(const std::string& data_dir) {
  if (int stopped = compute::stop_processes_of_lab(data_dir); stopped > 0) {
    std::cout << "Stopped " << stopped << " instance process(es) that a killed lab left running.\n";
  }
  if (::geteuid() == 0) {
    const auto dir = std::filesystem::absolute(data_dir);
    (void)netfault::probe_kernel_filter(dir);
    if (auto cgroups = limits::probe_cgroups(dir); cgroups.tree) cgroups.tree->clear();
    (void)limits::probe_instance_disks(dir);  // unmounts the instances' disks
  }
}

}  // namespace

std::optional<int> stop_lab(const GlobalOptions& global) {
  auto holder = lab::lab_lock_holder(global.data_dir);
  if (!holder) {
    return std::nullopt;
  }
  int pid = *holder;
  // A lab that listens is asked to stop (it saves and stops its instances); one still starting,
  // or one that does not answer, is ended by its PID, as the lock reports it.
  auto lab = find_running_lab(global.data_dir);
  bool stopped = lab && call_lab(*lab, "POST", "/_faultbox/shutdown") &&
                 wait_for_exit(pid, std::chrono::seconds(30));
  if (!stopped) {
    ::kill(pid, SIGTERM);
    if (!wait_for_exit(pid, std::chrono::seconds(5))) {
      ::kill(pid, SIGKILL);
    }
  }
  return pid;
}

void add_down_command(CLI::App& app, GlobalOptions& global) {
  auto* cmd = app.add_subcommand("down", "Stop the lab and every instance process it started");
  set_examples(cmd, {"faultbox down", "faultbox --data-dir /tmp/lab2 down"});
  cmd->callback([&global] {
    auto pid = stop_lab(global);
    if (!pid) {
      std::cout << "No lab is running in " << global.data_dir << ".\n";
      clean_up_after_killed_lab(global.data_dir);
      return;
    }
    std::cout << "Lab stopped (pid " << *pid << ").\n";
  });
}

}  // namespace faultbox::cli
