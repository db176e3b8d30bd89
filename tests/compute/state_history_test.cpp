// The instance state history: recorded by the manager on each change, bounded, windowed for
// reports, and kept through the store form and a restore.
#include "compute/state_history.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "compute/instance_manager.h"
#include "support/fake_supervisor.h"
#include "support/temp_dir.h"

namespace faultbox::compute {
namespace {

using namespace std::chrono_literals;

TimePoint t(int seconds) { return TimePoint(std::chrono::seconds(1'700'000'000 + seconds)); }

class StateHistoryManagerTest : public ::testing::Test {
 protected:
  StateHistoryManagerTest() : manager_(clock_, supervisor_, config(100)) {}

  InstanceManagerConfig config(std::size_t history) {
    InstanceManagerConfig c;
    c.image = {dir_.path(), "/opt/faultbox/bin/faultbox", "http://127.0.0.1:4566/_imds/"};
    c.id_seed = 3;
    c.state_history = history;
    return c;
  }

  std::string launch(const std::string& az) {
    auto r = manager_.run_instance({.availability_zone = az});
    EXPECT_TRUE(r);
    return (*r)->id;
  }

  void tick() { manager_.tick(clock_.now()); }

  test::TempDir dir_;
  ManualClock clock_;
  testing::FakeSupervisor supervisor_;
  InstanceManager manager_;
};

TEST_F(StateHistoryManagerTest, RecordsEveryTransitionWithTimeAndAz) {
  TimePoint start = clock_.now();
  std::string id = launch("eu-west-2b");
  clock_.advance(2s);
  tick();
  clock_.advance(5s);
  ASSERT_TRUE(manager_.stop(id));
  ASSERT_TRUE(manager_.stop(id));  // already stopping: no new change
  clock_.advance(1s);
  tick();
  const auto& all = manager_.state_history().all();
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0].state, InstanceState::Pending);
  EXPECT_EQ(all[0].at, start);
  EXPECT_EQ(all[0].availability_zone, "eu-west-2b");
  EXPECT_EQ(all[0].instance_id, id);
  EXPECT_EQ(all[1].state, InstanceState::Running);
  EXPECT_EQ(all[1].at, start + 2s);
  EXPECT_EQ(all[2].state, InstanceState::Stopping);
  EXPECT_EQ(all[2].at, start + 7s);
  EXPECT_EQ(all[3].state, InstanceState::Stopped);
  EXPECT_EQ(all[3].at, start + 8s);
}

TEST_F(StateHistoryManagerTest, RestoreKeepsSavedChangesFirstAndRecordsTheReboot) {
  std::string id = launch("eu-west-2a");
  tick();
  auto chunks = state_history_chunks(manager_.state_history());
  Instance saved = *manager_.find(id);

  ManualClock later;
  later.advance(1h);
  testing::FakeSupervisor supervisor;
  InstanceManager restored(later, supervisor, config(100));
  ASSERT_TRUE(restored.restore(saved));
  std::vector<StateTransition> old;
  for (const auto& chunk : chunks) {
    auto part = state_history_from_chunk(nlohmann::json::parse(chunk.dump()));
    ASSERT_TRUE(part) << part.error().message;
    old.insert(old.end(), part->begin(), part->end());
  }
  restored.restore_state_history(old);
  const auto& all = restored.state_history().all();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].state, InstanceState::Pending);
  EXPECT_EQ(all[1].state, InstanceState::Running);
  EXPECT_EQ(all[2].state, InstanceState::Pending);  // booting again after the restart
  EXPECT_EQ(all[2].at, later.now());
}

TEST(StateHistoryTest, KeepsOnlyTheNewestBeyondItsCapacity) {
  StateHistory h(3);
  for (int i = 0; i < 5; ++i) {
    h.record({t(i), "i-" + std::to_string(i), "eu-west-2a", InstanceState::Running});
  }
  ASSERT_EQ(h.all().size(), 3u);
  EXPECT_EQ(h.all().front().instance_id, "i-2");
  h.restore({{t(-1), "i-old", "eu-west-2a", InstanceState::Stopped}});
  ASSERT_EQ(h.all().size(), 3u);  // the restored, oldest change is the one dropped
  EXPECT_EQ(h.all().front().instance_id, "i-2");
}

TEST(StateHistoryTest, WindowGivesStatesAtItsStartAndChangesInside) {
  StateHistory h;
  h.record({t(0), "i-a", "eu-west-2a", InstanceState::Pending});
  h.record({t(1), "i-a", "eu-west-2a", InstanceState::Running});
  h.record({t(0), "i-gone", "eu-west-2b", InstanceState::Terminated});
  h.record({t(12), "i-a", "eu-west-2a", InstanceState::Stopping});
  h.record({t(20), "i-b", "eu-west-2c", InstanceState::Pending});
  h.record({t(30), "i-a", "eu-west-2a", InstanceState::Stopped});  // at `to`: outside
  auto w = h.window(t(10), t(30));
  ASSERT_EQ(w.initial.size(), 1u);
  EXPECT_EQ(w.initial[0].instance_id, "i-a");
  EXPECT_EQ(w.initial[0].state, InstanceState::Running);
  EXPECT_EQ(w.initial[0].at, t(10));
  ASSERT_EQ(w.changes.size(), 2u);
  EXPECT_EQ(w.changes[0].state, InstanceState::Stopping);
  EXPECT_EQ(w.changes[1].instance_id, "i-b");
}

TEST(StateHistoryTest, ChunksRoundTripAndSplitAtTheirSize) {
  StateHistory h;
  for (int i = 0; i < 5; ++i) {
    h.record({t(i), "i-" + std::to_string(i), "eu-west-2a", InstanceState::ShuttingDown});
  }
  auto chunks = state_history_chunks(h, 2);
  ASSERT_EQ(chunks.size(), 3u);
  auto back = state_history_from_chunk(chunks[2]);
  ASSERT_TRUE(back);
  ASSERT_EQ(back->size(), 1u);
  EXPECT_EQ((*back)[0].instance_id, "i-4");
  EXPECT_EQ((*back)[0].at, t(4));
  EXPECT_EQ((*back)[0].state, InstanceState::ShuttingDown);
  EXPECT_EQ(chunks[0]["transitions"][0][3], "shutting-down");
}

TEST(StateHistoryTest, MalformedChunksAreRefused) {
  using nlohmann::json;
  EXPECT_FALSE(state_history_from_chunk(json::object()));
  EXPECT_FALSE(state_history_from_chunk({{"transitions", {{1, "i-a", "eu-west-2a", "asleep"}}}}));
  EXPECT_FALSE(
      state_history_from_chunk({{"transitions", {{"x", "i-a", "eu-west-2a", "running"}}}}));
}

}  // namespace
}  // namespace faultbox::compute
