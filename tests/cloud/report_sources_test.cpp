// What reports read from the Cloud: instance states over a window (region only, with each
// instance's state at the window's start), also after the Cloud went through its store records.
#include "cloud/report_sources.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <filesystem>

#include "support/fake_supervisor.h"

namespace faultbox::cloud {
namespace {

using namespace std::chrono_literals;

CloudOptions options() {
  CloudOptions o;
  o.data_dir = std::filesystem::temp_directory_path() / "faultbox-report-sources-test";
  o.faultbox_binary = "/opt/faultbox/bin/faultbox";
  o.imds_prefix = "http://127.0.0.1:4566/_imds/";
  o.instance_boot_time = 1s;
  return o;
}

struct Lab {
  ManualClock clock;
  testing::FakeSupervisor supervisor;
  boost::asio::io_context control;
  boost::asio::io_context data;
  Cloud cloud{clock, supervisor, control, data, options()};

  std::string launch(const std::string& az) {
    auto i = cloud.instances().run_instance({.availability_zone = az});
    EXPECT_TRUE(i);
    return (*i)->id;
  }
  void tick(Duration d) {
    clock.advance(d);
    cloud.tick(clock.now());
  }
};

TEST(ReportSourcesTest, InstanceStatesOfTheRegionWithStatesAtTheWindowStart) {
  Lab lab;
  std::string a = lab.launch("eu-west-2a");
  std::string b = lab.launch("eu-west-2b");
  lab.launch("us-east-1a");  // another region: left out
  lab.tick(1s);
  TimePoint from = lab.clock.now() + 5s;
  lab.tick(10s);
  ASSERT_TRUE(lab.cloud.instances().stop(a));
  lab.tick(1s);
  auto states = instance_states(lab.cloud, "eu-west-2", from, lab.clock.now() + 1s);
  ASSERT_EQ(states.size(), 4u);
  for (int i : {0, 1}) {
    EXPECT_TRUE(states[i].at_window_start);
    EXPECT_EQ(states[i].at, from);
    EXPECT_EQ(states[i].state, "running");
  }
  EXPECT_TRUE(states[0].instance_id == b || states[1].instance_id == b);
  EXPECT_EQ(states[2].instance_id, a);
  EXPECT_EQ(states[2].state, "stopping");
  EXPECT_FALSE(states[2].at_window_start);
  EXPECT_EQ(states[3].state, "stopped");
  EXPECT_EQ(states[3].availability_zone, "eu-west-2a");
}

TEST(ReportSourcesTest, StateHistorySurvivesTheStoreRecords) {
  Lab before;
  std::string a = before.launch("eu-west-2a");
  before.tick(1s);
  ASSERT_TRUE(before.cloud.instances().terminate(a));
  before.tick(1s);
  TimePoint launched = before.clock.now() - 2s;
  auto records = before.cloud.to_records();
  ASSERT_EQ(records["instance_transition"].size(), 1u);

  Lab after;
  after.clock.set(before.clock.now() + 1min);
  ASSERT_TRUE(after.cloud.restore(records));
  const auto& all = after.cloud.instances().state_history().all();
  ASSERT_EQ(all.size(), 4u);  // pending, running, shutting-down, terminated
  EXPECT_EQ(all.front().at, launched);
  EXPECT_EQ(all.back().state, compute::InstanceState::Terminated);
  auto states = instance_states(after.cloud, "eu-west-2", launched, after.clock.now());
  ASSERT_EQ(states.size(), 4u);
  EXPECT_EQ(states[0].state, "pending");
  EXPECT_EQ(states[3].state, "terminated");
}

}  // namespace
}  // namespace faultbox::cloud
