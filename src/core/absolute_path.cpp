#include "core/absolute_path.h"

namespace faultbox {

std::string absolute_path(const std::filesystem::path& path) {
  auto normal = std::filesystem::absolute(path).lexically_normal();
  if (!normal.has_filename() && normal.has_parent_path() && normal != normal.root_path()) {
    normal = normal.parent_path();  // "/a/b/" names "/a/b"
  }
  return normal.string();
}

}  // namespace faultbox
