// CloudWatch Logs bookkeeping: groups, streams, events in time order, paging, filtering, ARNs
// and the saved record (manual clock).
#include "logs/log_store.h"

#include <gtest/gtest.h>

namespace faultbox::logs {
namespace {

using std::chrono::seconds;

class LogStoreTest : public ::testing::Test {
 protected:
  ManualClock clock_{TimePoint(std::chrono::milliseconds(1'700'000'000'000))};
  LogStore store_{clock_, "eu-west-2", "000000000000"};
};

TEST_F(LogStoreTest, GroupsAreCreatedOnceAndNamedByTheirArn) {
  ASSERT_TRUE(store_.create_group("/fis/experiments", 7));
  auto again = store_.create_group("/fis/experiments");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "ResourceAlreadyExistsException");
  EXPECT_TRUE(store_.put_group("/fis/experiments", 14));  // a stack's apply: idempotent
  auto bad = store_.create_group("bad name!");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "InvalidParameterException");

  auto groups = store_.describe_groups("/fis")["logGroups"];
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0]["arn"], "arn:aws:logs:eu-west-2:000000000000:log-group:/fis/experiments:*");
  EXPECT_EQ(groups[0]["retentionInDays"], 14);
  EXPECT_EQ(groups[0]["creationTime"], 1'700'000'000'000);
  EXPECT_TRUE(store_.describe_groups("/other")["logGroups"].empty());

  EXPECT_EQ(LogStore::group_name_from_arn(groups[0]["arn"]), "/fis/experiments");
  EXPECT_EQ(LogStore::group_name_from_arn(
                "arn:aws:logs:eu-west-2:000000000000:log-group:/fis/experiments"),
            "/fis/experiments");
  EXPECT_EQ(LogStore::group_name_from_arn("arn:aws:iam::000000000000:role/r"), "");
}

TEST_F(LogStoreTest, EventsComeBackInTimeOrderAndPageWithTokens) {
  ASSERT_TRUE(store_.create_group("g"));
  ASSERT_TRUE(store_.put_events("g", "EXP1", {{30, "c", 0}, {10, "a", 0}}));
  clock_.advance(seconds(1));
  ASSERT_TRUE(store_.put_events("g", "EXP1", {{20, "b", 0}}));
  EventQuery q;
  q.limit = 2;
  auto page1 = store_.get_events("g", "EXP1", q);
  ASSERT_TRUE(page1);
  ASSERT_EQ((*page1)["events"].size(), 2u);
  EXPECT_EQ((*page1)["events"][0]["message"], "a");
  EXPECT_EQ((*page1)["events"][1]["message"], "b");
  EXPECT_EQ((*page1)["events"][1]["ingestionTime"], 1'700'000'001'000);
  q.next_token = (*page1)["nextForwardToken"];
  auto page2 = store_.get_events("g", "EXP1", q);
  ASSERT_EQ((*page2)["events"].size(), 1u);
  EXPECT_EQ((*page2)["events"][0]["message"], "c");

  // Without a token and not from the head: the newest page; its backward token goes further back.
  EventQuery newest;
  newest.limit = 2;
  newest.from_head = false;
  auto tail = store_.get_events("g", "EXP1", newest);
  ASSERT_EQ((*tail)["events"].size(), 2u);
  EXPECT_EQ((*tail)["events"][0]["message"], "b");
  EXPECT_EQ((*tail)["events"][1]["message"], "c");
  newest.next_token = (*tail)["nextBackwardToken"];
  auto before = store_.get_events("g", "EXP1", newest);
  ASSERT_EQ((*before)["events"].size(), 1u);
  EXPECT_EQ((*before)["events"][0]["message"], "a");

  EventQuery window;
  window.start_time = 20;
  window.end_time = 30;
  EXPECT_EQ((*store_.get_events("g", "EXP1", window))["events"].size(), 1u);

  auto missing = store_.get_events("g", "nope", {});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "ResourceNotFoundException");
  EXPECT_EQ(missing.error().http_status, 400);
  EXPECT_FALSE(store_.put_events("no-group", "s", {{1, "x", 0}}));
}

TEST_F(LogStoreTest, FilterMatchesEveryTermAcrossStreams) {
  ASSERT_TRUE(store_.create_group("g"));
  ASSERT_TRUE(store_.put_events(
      "g", "EXP1", {{1, "action-start stop1", 0}, {3, "action-end stop1 completed", 0}}));
  ASSERT_TRUE(store_.put_events("g", "EXP2", {{2, "action-end pause stopped", 0}}));
  auto ends = store_.filter_events("g", {}, "action-end", {});
  ASSERT_TRUE(ends);
  ASSERT_EQ((*ends)["events"].size(), 2u);
  EXPECT_EQ((*ends)["events"][0]["logStreamName"], "EXP2");
  EXPECT_EQ((*ends)["events"][1]["logStreamName"], "EXP1");
  EXPECT_EQ((*store_.filter_events("g", {"EXP1"}, "action-end", {}))["events"].size(), 1u);
  EXPECT_EQ((*store_.filter_events("g", {}, "\"stop1 completed\"", {}))["events"].size(), 1u);
  EXPECT_EQ((*store_.filter_events("g", {}, "stop1 stopped", {}))["events"].size(), 0u);
}

TEST_F(LogStoreTest, StreamsKeepOnlyTheNewestEvents) {
  ASSERT_TRUE(store_.create_group("g"));
  std::vector<LogEvent> many;
  for (std::size_t i = 0; i < kMaxEventsPerStream + 5; ++i) {
    many.push_back({static_cast<std::int64_t>(i), "m", 0});
  }
  ASSERT_TRUE(store_.put_events("g", "s", many));
  const auto& events = store_.find_group("g")->streams.at("s").events;
  EXPECT_EQ(events.size(), kMaxEventsPerStream);
  EXPECT_EQ(events.front().timestamp, 5);
}

TEST_F(LogStoreTest, ARecordRestoresTheGroupWithItsEvents) {
  ASSERT_TRUE(store_.create_group("g", 3));
  ASSERT_TRUE(store_.put_events("g", "EXP1", {{10, "hello", 0}}));
  auto record = store_.to_record(*store_.find_group("g"));
  LogStore other(clock_, "eu-west-2", "000000000000");
  ASSERT_TRUE(other.restore(record));
  EXPECT_EQ(other.describe_groups(), store_.describe_groups());
  EXPECT_EQ(*other.get_events("g", "EXP1", {}), *store_.get_events("g", "EXP1", {}));
  EXPECT_FALSE(other.restore({{"name", "x"}}));
}

}  // namespace
}  // namespace faultbox::logs
