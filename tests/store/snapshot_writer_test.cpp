#include "store/snapshot_writer.h"

#include <gtest/gtest.h>

namespace faultbox::store {
namespace {

class SnapshotWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Store::open(":memory:");
    ASSERT_TRUE(opened);
    store_ = std::move(*opened);
  }
  std::unique_ptr<Store> store_;
};

TEST_F(SnapshotWriterTest, WritesOnlyWhatChangedAndRemovesWhatWent) {
  SnapshotWriter writer(*store_);
  auto first = writer.write(
      {{"instance", {{"i-1", {{"state", "running"}}}, {"i-2", {{"state", "pending"}}}}},
       {"alarm", {{"a", {{"state", "OK"}}}}}});
  ASSERT_TRUE(first);
  EXPECT_EQ(*first, 3u);
  auto same = writer.write(
      {{"instance", {{"i-1", {{"state", "running"}}}, {"i-2", {{"state", "pending"}}}}},
       {"alarm", {{"a", {{"state", "OK"}}}}}});
  ASSERT_TRUE(same);
  EXPECT_EQ(*same, 0u);  // nothing changed: nothing written
  auto next = writer.write(
      {{"instance", {{"i-2", {{"state", "running"}}}}}, {"alarm", {{"a", {{"state", "OK"}}}}}});
  ASSERT_TRUE(next);
  EXPECT_EQ(*next, 2u);  // i-2 changed, i-1 gone
  auto instances = store_->list("instance");
  ASSERT_EQ(instances->size(), 1u);
  EXPECT_EQ((*instances)[0].first, "i-2");
  EXPECT_EQ((*instances)[0].second["state"], "running");
  EXPECT_EQ(store_->list("alarm")->size(), 1u);
}

TEST_F(SnapshotWriterTest, StartsFromWhatTheStoreHolds) {
  ASSERT_TRUE(store_->put("instance", "i-old", {{"state", "running"}}));
  ASSERT_TRUE(store_->put("instance", "i-kept", {{"state", "running"}}));
  SnapshotWriter writer(*store_);
  writer.know("instance", *store_->list("instance"));
  auto written = writer.write({{"instance", {{"i-kept", {{"state", "running"}}}}}});
  ASSERT_TRUE(written);
  EXPECT_EQ(*written, 1u);  // only the removal of i-old
  EXPECT_EQ(store_->list("instance")->size(), 1u);
}

TEST_F(SnapshotWriterTest, ARecordReplacedByAnotherOfTheSameCountIsRemoved) {
  SnapshotWriter writer(*store_);
  ASSERT_TRUE(writer.write({{"instance", {{"i-1", {{"n", 1}}}, {"i-2", {{"n", 2}}}}}}));
  auto written = writer.write({{"instance", {{"i-1", {{"n", 1}}}, {"i-3", {{"n", 3}}}}}});
  ASSERT_TRUE(written);
  EXPECT_EQ(*written, 2u);  // i-3 written, i-2 removed; i-1 unchanged
  auto instances = store_->list("instance");
  ASSERT_EQ(instances->size(), 2u);
  EXPECT_EQ((*instances)[0].first, "i-1");
  EXPECT_EQ((*instances)[1].first, "i-3");
  // What it remembers is what it wrote: the same snapshot again writes nothing.
  written = writer.write({{"instance", {{"i-1", {{"n", 1}}}, {"i-3", {{"n", 3}}}}}});
  ASSERT_TRUE(written);
  EXPECT_EQ(*written, 0u);
}

TEST_F(SnapshotWriterTest, AKindLeftOutOfASnapshotIsLeftAlone) {
  SnapshotWriter writer(*store_);
  ASSERT_TRUE(writer.write({{"instance", {{"i-1", {{"n", 1}}}}}, {"alarm", {{"a", {{"n", 1}}}}}}));
  auto written = writer.write({{"alarm", {{"a", {{"n", 2}}}}}});
  ASSERT_TRUE(written);
  EXPECT_EQ(*written, 1u);
  EXPECT_EQ(store_->list("instance")->size(), 1u);
  EXPECT_EQ((*store_->list("alarm"))[0].second["n"], 2);
}

TEST_F(SnapshotWriterTest, AnUnchangedRecordIsKeptAndOneNeverWrittenIsRefused) {
  SnapshotWriter writer(*store_);
  ASSERT_TRUE(writer.write({{"instance", {{"i-1", {{"n", 1}}}, {"i-2", {{"n", 1}}}}}}));
  // i-1 kept as written, i-2 changed, and i-3 gone missing from the kind is not what "kept" says.
  auto written =
      writer.write({{"instance", {{"i-1", SnapshotWriter::unchanged()}, {"i-2", {{"n", 2}}}}}});
  ASSERT_TRUE(written);
  EXPECT_EQ(*written, 1u);
  auto instances = store_->list("instance");
  ASSERT_EQ(instances->size(), 2u);
  EXPECT_EQ((*instances)[0].second["n"], 1);
  EXPECT_EQ((*instances)[1].second["n"], 2);
  // Leaving out a record still removes it, whatever its neighbours are given as.
  ASSERT_TRUE(writer.write({{"instance", {{"i-2", SnapshotWriter::unchanged()}}}}));
  EXPECT_EQ(store_->list("instance")->size(), 1u);

  auto refused =
      writer.write({{"instance", {{"i-2", {{"n", 3}}}, {"i-9", SnapshotWriter::unchanged()}}}});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "InternalFailure");
  EXPECT_NE(refused.error().message.find("instance/i-9"), std::string::npos);
  EXPECT_EQ((*store_->list("instance"))[0].second["n"], 2)
      << "nothing of a refused write is written";
}

TEST_F(SnapshotWriterTest, AppliesAllChangesOrNone) {
  ASSERT_TRUE(store_->apply({{"instance", "i-1", std::string(R"({"a":1})")},
                             {"instance", "i-2", std::string(R"({"a":2})")}}));
  EXPECT_EQ(store_->list("instance")->size(), 2u);
  ASSERT_TRUE(store_->apply({{"instance", "i-1", std::nullopt}}));
  EXPECT_EQ(store_->list("instance")->size(), 1u);
}

}  // namespace
}  // namespace faultbox::store
