// An instance's processes as the kernel knows them: the one the lab started and all it started,
// however deep (a sandboxed instance's programs are all below its bubblewrap, in a PID namespace
// they cannot leave). Which of them holds a socket tells the lab which instance calls it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

namespace faultbox::compute {

// `leader` and its descendants that are alive, leader first; at most `limit` of them.
std::vector<int> process_tree(int leader, const std::filesystem::path& proc = "/proc",
                              std::size_t limit = 4096);

// True when one of those processes has the socket `inode` among its open files.
bool process_tree_holds_socket(int leader, std::uint64_t inode,
                               const std::filesystem::path& proc = "/proc");

}  // namespace faultbox::compute
