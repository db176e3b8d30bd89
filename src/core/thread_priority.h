// The calling thread's scheduling priority (its nice value). On Linux a nice value belongs to a
// thread, not to the whole process, and a thread or process inherits it from the thread that
// created it.
#pragma once

namespace faultbox {

// The calling thread's nice value.
int thread_nice();

// Sets the calling thread's nice value; false when the system does not permit it (a lower nice
// than the thread has needs root or CAP_SYS_NICE).
bool set_thread_nice(int nice);

// The calling thread runs at `nice` for this object's life, then at the nice it had before (so
// a process created meanwhile inherits `nice`). Does nothing when `nice` is not permitted.
class ScopedThreadNice {
 public:
  explicit ScopedThreadNice(int nice);
  ~ScopedThreadNice();
  ScopedThreadNice(const ScopedThreadNice&) = delete;
  ScopedThreadNice& operator=(const ScopedThreadNice&) = delete;

 private:
  int before_;
  bool changed_ = false;
};

}  // namespace faultbox
