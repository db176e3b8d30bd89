#include "lab/data_dir.h"

#include <cstdlib>
#include <filesystem>

namespace faultbox::lab {

namespace fs = std::filesystem;

std::optional<std::string> process_env(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr || *value == '\0') {
    return std::nullopt;
  }
  return std::string(value);
}

std::string default_data_dir(const EnvLookup& env) {
  if (auto dir = env("FAULTBOX_DATA_DIR")) {
    return absolute_data_dir(*dir);
  }
  if (auto state = env("XDG_STATE_HOME")) {
    return absolute_data_dir((fs::path(*state) / "faultbox").string());
  }
  if (auto home = env("HOME")) {
    return absolute_data_dir((fs::path(*home) / ".local" / "state" / "faultbox").string());
  }
  return absolute_data_dir(".faultbox");
}

std::string absolute_data_dir(const std::string& dir) {
  auto path = fs::absolute(dir).lexically_normal();
  if (!path.has_filename() && path.has_parent_path() && path != path.root_path()) {
    path = path.parent_path();  // "/a/b/" names "/a/b"
  }
  return path.string();
}

}  // namespace faultbox::lab
