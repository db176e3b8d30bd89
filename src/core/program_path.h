// Finding a program the way a shell does: the first executable of that name on $PATH.
#pragma once

#include <string>

namespace faultbox {

// The full path of `name` on PATH (/usr/bin:/bin when PATH is unset), or "" when none.
std::string find_on_path(const std::string& name);

}  // namespace faultbox
