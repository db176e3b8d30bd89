// What makes a data directory one lab's: `serve` holds a lock on <data dir>/lab.lock for its whole
// life, and the kernel lets go of it when the process ends, however it ends (kill -9 included).
// Whether a lab runs is decided by this lock and its holder's PID, never by how fast it answers.
#pragma once

#include <optional>
#include <string>

#include "core/result.h"

namespace faultbox::lab {

class LabLock {
 public:
  // Takes the lock, or fails with a ConflictException naming the process that holds it.
  static Result<LabLock> acquire(const std::string& data_dir);

  LabLock(LabLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  LabLock& operator=(LabLock&&) = delete;
  LabLock(const LabLock&) = delete;
  LabLock& operator=(const LabLock&) = delete;
  ~LabLock();

 private:
  explicit LabLock(int fd) : fd_(fd) {}
  int fd_;
};

std::string lab_lock_path(const std::string& data_dir);

// The PID of the process that holds the lock on `data_dir`, or nullopt when no process does.
// (A POSIX record lock: the kernel reports its holder, and forked instance processes never
// inherit it.) A process asking about its own lock gets nullopt.
std::optional<int> lab_lock_holder(const std::string& data_dir);

}  // namespace faultbox::lab
