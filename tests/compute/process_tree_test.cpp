#include "compute/process_tree.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>

#include "support/temp_dir.h"

namespace faultbox::compute {
namespace {

namespace fs = std::filesystem;

// A proc file system with processes 10 -> {11, 12}, 11 -> {13}; 20 stands apart.
class FakeProc {
 public:
  FakeProc() {
    add(10, "11 12 ");
    add(11, "13 ");
    add(12, "");
    add(13, "");
    add(20, "");
  }
  void add(int pid, const std::string& children) {
    const auto task = dir_.path() / std::to_string(pid) / "task" / std::to_string(pid);
    fs::create_directories(task);
    fs::create_directories(dir_.path() / std::to_string(pid) / "fd");
    std::ofstream(task / "children") << children;
  }
  void open_socket(int pid, int fd, std::uint64_t inode) {
    fs::create_symlink("socket:[" + std::to_string(inode) + "]",
                       dir_.path() / std::to_string(pid) / "fd" / std::to_string(fd));
  }
  const fs::path& path() const { return dir_.path(); }

 private:
  test::TempDir dir_;
};

TEST(ProcessTree, IsTheLeaderAndEveryDescendant) {
  FakeProc proc;
  EXPECT_EQ(process_tree(10, proc.path()), (std::vector<int>{10, 11, 12, 13}));
  EXPECT_EQ(process_tree(11, proc.path()), (std::vector<int>{11, 13}));
  EXPECT_EQ(process_tree(10, proc.path(), 2), (std::vector<int>{10, 11}));
  EXPECT_TRUE(process_tree(99, proc.path()).empty());  // gone
}

// A grandchild's socket is the instance's; another process's socket with any address is not.
TEST(ProcessTree, HoldsASocketWhenAnyOfItsProcessesHasItOpen) {
  FakeProc proc;
  proc.open_socket(13, 4, 777);
  proc.open_socket(20, 3, 888);
  EXPECT_TRUE(process_tree_holds_socket(10, 777, proc.path()));
  EXPECT_TRUE(process_tree_holds_socket(11, 777, proc.path()));
  EXPECT_FALSE(process_tree_holds_socket(12, 777, proc.path()));
  EXPECT_FALSE(process_tree_holds_socket(10, 888, proc.path()));
  EXPECT_FALSE(process_tree_holds_socket(10, 77, proc.path()));  // "socket:[77]" is not 777
}

// The real proc file system: a socket this test's process opened is found under it, and not
// under a child that does not hold it.
TEST(ProcessTree, FindsASocketOfThisProcessInTheRealProc) {
  int pair[2];
  ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair), 0);
  struct stat info {};
  ASSERT_EQ(fstat(pair[0], &info), 0);
  const auto tree = process_tree(getpid());
  ASSERT_FALSE(tree.empty());
  EXPECT_EQ(tree.front(), getpid());
  EXPECT_TRUE(process_tree_holds_socket(getpid(), info.st_ino));
  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  const pid_t child = fork();
  if (child == 0) {
    ::close(pair[0]);
    ::close(pair[1]);
    const char closed = 'x';
    if (::write(ready[1], &closed, 1) != 1) _exit(1);
    ::pause();
    _exit(0);
  }
  ASSERT_GT(child, 0);
  char closed = 0;
  ASSERT_EQ(::read(ready[0], &closed, 1), 1);  // the child no longer holds the pair
  ::close(ready[0]);
  ::close(ready[1]);
  EXPECT_FALSE(process_tree_holds_socket(child, info.st_ino));
  const auto with_child = process_tree(getpid());
  EXPECT_NE(std::find(with_child.begin(), with_child.end(), child), with_child.end());
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  ::close(pair[0]);
  ::close(pair[1]);
}

}  // namespace
}  // namespace faultbox::compute
