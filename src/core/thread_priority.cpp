#include "core/thread_priority.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>

namespace faultbox {

namespace {
// PRIO_PROCESS with this thread's id (not 0, which glibc documents for the process) names the
// thread, whatever the C library's reading of "process".
id_t this_thread() { return static_cast<id_t>(::syscall(SYS_gettid)); }
}  // namespace

int thread_nice() {
  errno = 0;
  return ::getpriority(PRIO_PROCESS, this_thread());
}

bool set_thread_nice(int nice) { return ::setpriority(PRIO_PROCESS, this_thread(), nice) == 0; }

ScopedThreadNice::ScopedThreadNice(int nice) : before_(thread_nice()) {
  if (nice != before_) {
    changed_ = set_thread_nice(nice);
  }
}

ScopedThreadNice::~ScopedThreadNice() {
  if (changed_) {
    set_thread_nice(before_);
  }
}

}  // namespace faultbox
