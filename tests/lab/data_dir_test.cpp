#include "lab/data_dir.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>

namespace faultbox::lab {
namespace {

EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    return it == vars.end() ? std::nullopt : std::optional(it->second);
  };
}

TEST(DataDir, OneLabPerUserFoundFromEveryDirectory) {
  EXPECT_EQ(default_data_dir(env_of({{"HOME", "/home/panda"}})),
            "/home/panda/.local/state/faultbox");
  EXPECT_EQ(default_data_dir(env_of({{"HOME", "/home/panda"}, {"XDG_STATE_HOME", "/st"}})),
            "/st/faultbox");
  EXPECT_EQ(default_data_dir(env_of({{"HOME", "/home/panda"}, {"FAULTBOX_DATA_DIR", "/labs/b/"}})),
            "/labs/b");
}

TEST(DataDir, WithoutAHomeTheCurrentDirectory) {
  EXPECT_EQ(default_data_dir(env_of({})), std::filesystem::current_path().string() + "/.faultbox");
}

}  // namespace
}  // namespace faultbox::lab
