#include "store/store.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace faultbox::store {
namespace {

TEST(Store, PutListRemove) {
  auto store = Store::open(":memory:");
  ASSERT_TRUE(store) << store.error().to_string();
  auto& s = **store;
  ASSERT_TRUE(s.put("instance", "i-2", {{"state", "running"}}));
  ASSERT_TRUE(s.put("instance", "i-1", {{"state", "stopped"}}));
  ASSERT_TRUE(s.put("stack", "step03", {{"serial", 1}}));
  ASSERT_TRUE(s.put("instance", "i-1", {{"state", "running"}}));  // replaces

  auto instances = s.list("instance");
  ASSERT_TRUE(instances);
  ASSERT_EQ(instances->size(), 2u);
  EXPECT_EQ((*instances)[0].first, "i-1");
  EXPECT_EQ((*instances)[0].second["state"], "running");

  ASSERT_TRUE(s.remove("instance", "i-1"));
  ASSERT_TRUE(s.remove("instance", "i-missing"));
  EXPECT_EQ(s.list("instance")->size(), 1u);
  EXPECT_EQ(s.list("nothing")->size(), 0u);
  EXPECT_EQ(*s.kinds(), (std::vector<std::string>{"instance", "stack"}));
}

TEST(Store, ReplaceKindSwapsTheWholeKind) {
  auto store = Store::open(":memory:");
  ASSERT_TRUE(store);
  auto& s = **store;
  ASSERT_TRUE(s.put("instance", "old", {{"x", 1}}));
  ASSERT_TRUE(s.put("stack", "keep", {{"x", 2}}));
  ASSERT_TRUE(s.replace_kind("instance", {{"a", {{"y", 1}}}, {"b", {{"y", 2}}}}));
  auto instances = s.list("instance");
  ASSERT_TRUE(instances);
  ASSERT_EQ(instances->size(), 2u);
  EXPECT_EQ((*instances)[0].first, "a");
  EXPECT_EQ(s.list("stack")->size(), 1u);
}

TEST(Store, SurvivesReopen) {
  auto path = std::filesystem::temp_directory_path() / "faultbox-store-test.db";
  std::filesystem::remove(path);
  {
    auto s = Store::open(path.string());
    ASSERT_TRUE(s);
    ASSERT_TRUE((*s)->put("stack", "a", {{"x", 1}}));
  }
  auto s = Store::open(path.string());
  ASSERT_TRUE(s);
  auto stacks = (*s)->list("stack");
  ASSERT_TRUE(stacks);
  ASSERT_EQ(stacks->size(), 1u);
  EXPECT_EQ((*stacks)[0].second["x"], 1);
  s->reset();
  std::filesystem::remove(path);
  std::filesystem::remove(path.string() + "-wal");
  std::filesystem::remove(path.string() + "-shm");
}

TEST(Store, OpenFailsClearlyOnAnUnwritablePath) {
  auto s = Store::open("/nonexistent-dir/x/state.db");
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("cannot open state database"), std::string::npos);
}

}  // namespace
}  // namespace faultbox::store
