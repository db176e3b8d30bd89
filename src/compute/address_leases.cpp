#include "compute/address_leases.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>

#include "compute/process_supervisor.h"

namespace faultbox::compute {

namespace {
int read_owner(const std::filesystem::path& path) {
  std::ifstream in(path);
  int pid = 0;
  in >> pid;
  return pid;
}
}  // namespace

AddressLeases::AddressLeases(std::filesystem::path dir, int owner_pid)
    : dir_(std::move(dir)), owner_pid_(owner_pid) {
  std::error_code ec;
  if (std::filesystem::create_directories(dir_, ec)) {
    // Shared by every user's labs, like /tmp itself.
    ::chmod(dir_.c_str(), 01777);
  }
}

std::filesystem::path AddressLeases::default_dir() {
  return std::filesystem::temp_directory_path() / "faultbox-address-leases";
}

std::filesystem::path AddressLeases::path_of(const std::string& ip) const { return dir_ / ip; }

bool AddressLeases::claim(const std::string& ip) {
  auto path = path_of(ip);
  for (int attempt = 0; attempt < 3; ++attempt) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd >= 0) {
      auto text = std::to_string(owner_pid_) + "\n";
      bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
      ::close(fd);
      return written;
    }
    if (errno != EEXIST) {
      return true;  // no lease directory to speak of: fall back to probing ports alone
    }
    int owner = read_owner(path);
    if (owner == owner_pid_) {
      return true;
    }
    if (owner != 0 && process_running(owner)) {
      return false;
    }
    // Stale (or being written this instant: then the next attempt sees the new owner).
    if (owner != 0) {
      ::unlink(path.c_str());
    }
  }
  return false;
}

void AddressLeases::release(const std::string& ip) {
  auto path = path_of(ip);
  if (read_owner(path) == owner_pid_) {
    ::unlink(path.c_str());
  }
}

}  // namespace faultbox::compute
