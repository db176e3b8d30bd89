#include "compute/process_tree.h"

#include <charconv>
#include <deque>
#include <fstream>
#include <optional>
#include <set>
#include <string>
#include <system_error>

namespace faultbox::compute {

namespace {

namespace fs = std::filesystem;

std::optional<int> number_of(const std::string& text) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

// The children of each of the process's threads, as the kernel lists them.
std::vector<int> children_of(int pid, const fs::path& proc) {
  std::vector<int> children;
  std::error_code ec;
  for (fs::directory_iterator task(proc / std::to_string(pid) / "task", ec), end;
       !ec && task != end; task.increment(ec)) {
    std::ifstream in(task->path() / "children");
    for (std::string word; in >> word;) {
      if (auto child = number_of(word)) children.push_back(*child);
    }
  }
  return children;
}

}  // namespace

std::vector<int> process_tree(int leader, const fs::path& proc, std::size_t limit) {
  std::vector<int> tree;
  std::set<int> seen;
  std::deque<int> next{leader};
  std::error_code ec;
  while (!next.empty() && tree.size() < limit) {
    const int pid = next.front();
    next.pop_front();
    if (!seen.insert(pid).second || !fs::exists(proc / std::to_string(pid), ec)) continue;
    tree.push_back(pid);
    for (int child : children_of(pid, proc)) next.push_back(child);
  }
  return tree;
}

bool process_tree_holds_socket(int leader, std::uint64_t inode, const fs::path& proc) {
  const auto wanted = "socket:[" + std::to_string(inode) + "]";
  for (int pid : process_tree(leader, proc)) {
    std::error_code ec;
    for (fs::directory_iterator fd(proc / std::to_string(pid) / "fd", ec), end; !ec && fd != end;
         fd.increment(ec)) {
      std::error_code link;
      if (fs::read_symlink(fd->path(), link).string() == wanted) return true;
    }
  }
  return false;
}

}  // namespace faultbox::compute
