#include "lab/data_dir.h"

#include <cstdlib>
#include <filesystem>

#include "core/absolute_path.h"

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
    return absolute_path(*dir);
  }
  if (auto state = env("XDG_STATE_HOME")) {
    return absolute_path((fs::path(*state) / "faultbox").string());
  }
  if (auto home = env("HOME")) {
    return absolute_path((fs::path(*home) / ".local" / "state" / "faultbox").string());
  }
  return absolute_path(".faultbox");
}

}  // namespace faultbox::lab
