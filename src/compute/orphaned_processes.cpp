#include "compute/orphaned_processes.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <fstream>
#include <iterator>
#include <thread>

#include "core/absolute_path.h"

namespace faultbox::compute {

namespace {
bool names_lab(const std::filesystem::path& environ_file, const std::string& marker) {
  std::ifstream in(environ_file, std::ios::binary);
  std::string environ((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t start = 0;
  while (start < environ.size()) {
    auto end = environ.find('\0', start);
    if (end == std::string::npos) {
      end = environ.size();
    }
    if (environ.compare(start, end - start, marker) == 0) {
      return true;
    }
    start = end + 1;
  }
  return false;
}

// A zombie is gone as far as its address and port are concerned; its parent reaps it.
bool alive(int pid) {
  if (::kill(pid, 0) != 0 && errno != EPERM) {
    return false;
  }
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  auto close = text.rfind(") ");
  return close == std::string::npos || close + 2 >= text.size() || text[close + 2] != 'Z';
}
}  // namespace

std::vector<int> processes_of_lab(const std::filesystem::path& data_dir,
                                  const std::filesystem::path& proc) {
  std::vector<int> out;
  const std::string marker = std::string(kLabDataDirVariable) + "=" + absolute_path(data_dir);
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(proc, ec)) {
    const auto name = entry.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) {
      continue;
    }
    int pid = std::stoi(name);
    if (pid != ::getpid() && names_lab(entry.path() / "environ", marker)) {
      out.push_back(pid);
    }
  }
  return out;
}

int stop_processes_of_lab(const std::filesystem::path& data_dir) {
  auto pids = processes_of_lab(data_dir);
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
    while (alive(pid) && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  return static_cast<int>(pids.size());
}

}  // namespace faultbox::compute
