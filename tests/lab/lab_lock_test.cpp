#include "lab/lab_lock.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/temp_dir.h"

namespace faultbox::lab {
namespace {

// A process of its own holds the lock (POSIX record locks are per process), until told to go.
class OtherLab {
 public:
  explicit OtherLab(const std::string& dir) {
    int ready[2];
    EXPECT_EQ(::pipe(ready), 0);
    EXPECT_EQ(::pipe(go_), 0);
    pid_ = ::fork();
    if (pid_ == 0) {
      ::close(go_[1]);  // so that the parent's close is the end of the pipe
      auto lock = LabLock::acquire(dir);
      char c = lock ? 'y' : 'n';
      (void)!::write(ready[1], &c, 1);
      (void)!::read(go_[0], &c, 1);
      ::_exit(0);
    }
    char c = 0;
    EXPECT_EQ(::read(ready[0], &c, 1), 1);
    EXPECT_EQ(c, 'y');
    ::close(ready[0]);
    ::close(ready[1]);
  }
  ~OtherLab() { end(); }
  void end() {
    if (pid_ > 0) {
      ::close(go_[1]);
      ::waitpid(pid_, nullptr, 0);
      ::close(go_[0]);
      pid_ = 0;
    }
  }
  int pid() const { return pid_; }

 private:
  int pid_ = 0;
  int go_[2] = {-1, -1};
};

TEST(LabLock, NoHolderWhereNoLabEverRan) {
  test::TempDir dir;
  EXPECT_FALSE(lab_lock_holder(dir.path().string()));
}

TEST(LabLock, TheHolderIsTheLabProcessAndASecondLabIsRefused) {
  test::TempDir dir;
  OtherLab other(dir.path().string());
  EXPECT_EQ(lab_lock_holder(dir.path().string()), other.pid());

  auto second = LabLock::acquire(dir.path().string());
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, "ConflictException");
  EXPECT_NE(second.error().message.find("pid " + std::to_string(other.pid())), std::string::npos)
      << second.error().message;
}

TEST(LabLock, TheLockGoesWithItsProcessHoweverItEnds) {
  test::TempDir dir;
  OtherLab other(dir.path().string());
  other.end();
  EXPECT_FALSE(lab_lock_holder(dir.path().string()));
  auto mine = LabLock::acquire(dir.path().string());
  EXPECT_TRUE(mine);
}

TEST(LabLock, InstanceProcessesForkedByTheLabDoNotHoldIt) {
  test::TempDir dir;
  auto lock = LabLock::acquire(dir.path().string());
  ASSERT_TRUE(lock);
  pid_t child = ::fork();
  if (child == 0) {
    ::sleep(5);  // stands for an instance that outlives the lab
    ::_exit(0);
  }
  { auto released = std::move(*lock); }  // the lab ends; its child goes on
  EXPECT_FALSE(lab_lock_holder(dir.path().string()));
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
}

}  // namespace
}  // namespace faultbox::lab
