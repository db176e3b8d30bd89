// Whether bubblewrap can make an instance's view on this machine. It is installed but cannot
// where `/` is not a mount point (a chroot, some containers: "Failed to make / slave") or where
// namespaces are refused; then every instance with user data would fail to boot with bwrap's
// bare message, so the lab tries once at start and says what it needs instead.
#pragma once

#include <string>

namespace faultbox::image {

// "" when `bwrap` runs a trivial command in the view instances get; otherwise what failed and
// what would fix it, for the lab's log and the instances' console logs.
std::string sandbox_problem(const std::string& bwrap);

}  // namespace faultbox::image
