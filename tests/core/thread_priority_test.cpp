#include "core/thread_priority.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <thread>

namespace faultbox {
namespace {

int nice_of_thread(long tid) { return ::getpriority(PRIO_PROCESS, static_cast<id_t>(tid)); }

TEST(ScopedThreadNice, ChangesOnlyTheCallingThreadForItsLife) {
  const long main_tid = ::syscall(SYS_gettid);
  const int main_nice = thread_nice();
  // In a thread of its own: a raised nice cannot be lowered again without privilege.
  std::thread([&] {
    const int base = thread_nice();
    {
      ScopedThreadNice raised(base + 2);
      EXPECT_EQ(thread_nice(), base + 2);
      EXPECT_EQ(nice_of_thread(main_tid), main_nice) << "another thread of the process keeps its";
    }
    if (::geteuid() == 0) {  // taking the nice back down needs root or CAP_SYS_NICE
      EXPECT_EQ(thread_nice(), base);
    }
  }).join();
  EXPECT_EQ(thread_nice(), main_nice);
}

TEST(ScopedThreadNice, NewThreadsInheritTheNiceOfTheThreadThatMadeThem) {
  std::thread([] {
    const int base = thread_nice();
    ASSERT_TRUE(set_thread_nice(base + 1));
    int inherited = 0;
    std::thread([&] { inherited = thread_nice(); }).join();
    EXPECT_EQ(inherited, base + 1);
  }).join();
}

}  // namespace
}  // namespace faultbox
