#include "cloud/record_cache.h"

#include <gtest/gtest.h>

namespace faultbox::cloud {
namespace {

struct Thing {
  std::string name;
  int size = 0;
  bool operator==(const Thing&) const = default;
};

int built = 0;
nlohmann::json thing_json(const Thing& t) {
  ++built;
  return {{"name", t.name}, {"size", t.size}};
}

TEST(RecordCache, BuildsOnlyRecordsWhoseValueChanged) {
  RecordCache<Thing> cache;
  built = 0;
  cache.start_save();
  EXPECT_EQ(cache.body("a", {"a", 1}, thing_json), (nlohmann::json{{"name", "a"}, {"size", 1}}));
  EXPECT_EQ(cache.body("b", {"b", 1}, thing_json)["size"], 1);
  cache.finish_save();
  EXPECT_EQ(built, 2);

  cache.start_save();
  EXPECT_TRUE(cache.body("a", {"a", 1}, thing_json).is_discarded()) << "unchanged";
  EXPECT_EQ(cache.body("b", {"b", 2}, thing_json)["size"], 2);
  cache.finish_save();
  EXPECT_EQ(built, 3);

  cache.start_save();  // b is gone, then comes back: built again, not "unchanged"
  EXPECT_TRUE(cache.body("a", {"a", 1}, thing_json).is_discarded());
  cache.finish_save();
  cache.start_save();
  EXPECT_FALSE(cache.body("b", {"b", 2}, thing_json).is_discarded());
  cache.finish_save();
  EXPECT_EQ(built, 4);
}

TEST(RecordCache, AfterASaveThatWasNotWrittenEveryRecordIsBuiltAgain) {
  RecordCache<Thing> cache;
  cache.start_save();
  cache.body("a", {"a", 1}, thing_json);
  cache.finish_save();
  cache.forget();
  cache.start_save();
  EXPECT_FALSE(cache.body("a", {"a", 1}, thing_json).is_discarded());
}

TEST(ChangeCount, TrueOncePerChangeAndAgainAfterAFailedSave) {
  ChangeCount count;
  EXPECT_TRUE(count.take_unsaved()) << "never saved";
  EXPECT_FALSE(count.take_unsaved());
  count.changed();
  count.changed();
  EXPECT_TRUE(count.take_unsaved());
  EXPECT_FALSE(count.take_unsaved());
  count.forget();
  EXPECT_TRUE(count.take_unsaved());
}

}  // namespace
}  // namespace faultbox::cloud
