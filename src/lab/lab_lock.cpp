#include "lab/lab_lock.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "lab/lab_file.h"

namespace faultbox::lab {

namespace {
struct flock whole_file(short type) {
  struct flock lock {};
  lock.l_type = type;
  lock.l_whence = SEEK_SET;
  lock.l_start = 0;
  lock.l_len = 0;  // to the end, however long the file grows
  return lock;
}

std::string holder_text(const std::string& data_dir, int pid) {
  std::string text = "pid " + std::to_string(pid);
  if (auto file = read_lab_file(data_dir); file && file->pid == pid) {
    text += ", " + file->base_url();
  }
  return text;
}
}  // namespace

std::string lab_lock_path(const std::string& data_dir) {
  return (std::filesystem::path(data_dir) / "lab.lock").string();
}

Result<LabLock> LabLock::acquire(const std::string& data_dir) {
  auto path = lab_lock_path(data_dir);
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return errors::internal("cannot open " + path + ": " + std::strerror(errno));
  }
  auto lock = whole_file(F_WRLCK);
  if (::fcntl(fd, F_SETLK, &lock) != 0) {
    int why = errno;
    ::close(fd);
    if (why != EACCES && why != EAGAIN) {
      return errors::internal("cannot lock " + path + ": " + std::strerror(why));
    }
    auto holder = lab_lock_holder(data_dir);
    return errors::conflict("a lab already serves " + data_dir + " (" +
                            (holder ? holder_text(data_dir, *holder) : std::string("starting")) +
                            "); one data directory has one lab: stop it with `faultbox down`, "
                            "or give this one its own --data-dir");
  }
  // The holder's PID in the file too, for people reading it; the lock is what counts.
  auto pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) == 0) {
    [[maybe_unused]] auto written = ::write(fd, pid.data(), pid.size());  // a note only
  }
  return LabLock(fd);
}

LabLock::~LabLock() {
  if (fd_ >= 0) {
    ::close(fd_);
  }
}

std::optional<int> lab_lock_holder(const std::string& data_dir) {
  auto path = lab_lock_path(data_dir);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return std::nullopt;  // no lock file: no lab has ever served here
  }
  // A read lock conflicts with the lab's write lock, so F_GETLK reports the lab holding it.
  auto probe = whole_file(F_RDLCK);
  int asked = ::fcntl(fd, F_GETLK, &probe);
  ::close(fd);
  if (asked != 0 || probe.l_type == F_UNLCK) {
    return std::nullopt;
  }
  return static_cast<int>(probe.l_pid);
}

}  // namespace faultbox::lab
