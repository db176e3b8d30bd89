#include "traffic/traffic_stats.h"

#include <gtest/gtest.h>

namespace faultbox::traffic {
namespace {

using std::chrono::microseconds;

TEST(TrafficStats, CountsFailuresAndTheLongestRun) {
  TrafficStats s;
  for (int status : {200, 503, 503, 200, 0, 503, 503, 503, 200}) {
    s.record(status, microseconds(1000));
  }
  EXPECT_EQ(s.requests(), 9u);
  EXPECT_EQ(s.failures(), 6u);
  EXPECT_EQ(s.longest_failure_run(), 4u);  // no answer (0) counts as a failure too
  EXPECT_NEAR(s.availability_percent(), 100.0 * 3 / 9, 1e-9);
  EXPECT_EQ(s.by_status().at(503), 5u);
  EXPECT_EQ(s.by_status().at(0), 1u);
}

TEST(TrafficStats, EmptyRunIsFullyAvailable) {
  TrafficStats s;
  EXPECT_EQ(s.availability_percent(), 100.0);
  EXPECT_NE(s.summary().find("by status: none"), std::string::npos);
}

TEST(TrafficStats, SummaryNamesEveryFigure) {
  TrafficStats s;
  s.record(200, microseconds(2500));
  s.record(0, microseconds(100));
  auto text = s.summary();
  EXPECT_NE(text.find("requests 2, failures 1, availability 50.00%"), std::string::npos) << text;
  EXPECT_NE(text.find("max latency 2.5 ms"), std::string::npos) << text;
  EXPECT_NE(text.find("no-answer=1"), std::string::npos) << text;
}

}  // namespace
}  // namespace faultbox::traffic
