#include "compute/orphaned_processes.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <fstream>
#include <iterator>
#include <thread>

#include "compute/process_supervisor.h"
#include "core/absolute_path.h"

namespace faultbox::compute {

namespace {
// A process's environment, NAME=value entries.
std::vector<std::string> environment_of(const std::filesystem::path& environ_file) {
  std::ifstream in(environ_file, std::ios::binary);
  std::string environ((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < environ.size()) {
    auto end = environ.find('\0', start);
    if (end == std::string::npos) {
      end = environ.size();
    }
    out.push_back(environ.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string value_of(const std::vector<std::string>& environment, const std::string& name) {
  for (const auto& entry : environment) {
    if (entry.size() > name.size() && entry.compare(0, name.size(), name) == 0 &&
        entry[name.size()] == '=') {
      return entry.substr(name.size() + 1);
    }
  }
  return "";
}

struct LabProcess {
  int pid;
  std::vector<std::string> environment;
};

// Every process under `proc` whose environment names `data_dir` (except this one), with that
// environment: read once, as a process may change or go between two reads.
std::vector<LabProcess> lab_processes(const std::filesystem::path& data_dir,
                                      const std::filesystem::path& proc) {
  std::vector<LabProcess> out;
  const std::string marker = std::string(kLabDataDirVariable) + "=" + absolute_path(data_dir);
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(proc, ec)) {
    const auto name = entry.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) {
      continue;
    }
    int pid = std::stoi(name);
    if (pid == ::getpid()) {
      continue;
    }
    auto environment = environment_of(entry.path() / "environ");
    if (std::find(environment.begin(), environment.end(), marker) != environment.end()) {
      out.push_back({pid, std::move(environment)});
    }
  }
  return out;
}

}  // namespace

std::vector<int> processes_of_lab(const std::filesystem::path& data_dir,
                                  const std::filesystem::path& proc) {
  std::vector<int> out;
  for (const auto& process : lab_processes(data_dir, proc)) {
    out.push_back(process.pid);
  }
  return out;
}

std::map<std::string, int> instance_leaders_of_lab(const std::filesystem::path& data_dir,
                                                   const std::string& imds_prefix,
                                                   const std::filesystem::path& proc) {
  std::map<std::string, int> out;
  for (const auto& [pid, environment] : lab_processes(data_dir, proc)) {
    if (::getpgid(pid) != pid || !process_running(pid)) {
      continue;
    }
    auto id = value_of(environment, "INSTANCE_ID");
    if (!id.empty() &&
        value_of(environment, "AWS_EC2_METADATA_SERVICE_ENDPOINT") == imds_prefix + id) {
      out.emplace(id, pid);
    }
  }
  return out;
}

int stop_processes_of_lab(const std::filesystem::path& data_dir,
                          const std::set<std::string>& keep) {
  std::vector<int> pids;
  for (const auto& [pid, environment] : lab_processes(data_dir, "/proc")) {
    if (keep.count(value_of(environment, "INSTANCE_ID")) == 0) {
      pids.push_back(pid);
    }
  }
  for (int pid : pids) {
    // The group too: an instance leads a process group of its own, and a program it started may
    // have been given an environment without the mark.
    if (::getpgid(pid) == pid) {
      ::kill(-pid, SIGKILL);
    }
    ::kill(pid, SIGKILL);
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  for (int pid : pids) {
    while (process_running(pid) && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  return static_cast<int>(pids.size());
}

}  // namespace faultbox::compute
