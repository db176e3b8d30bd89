// What the runner-driven action tests share: a fake lab holding the seed's instances, a manual
// clock and a runner over both; templates start from the seed's JSON with the test's edits.
#pragma once

#include <gtest/gtest.h>

#include "fis/runner.h"
#include "fis/step03_template.h"

namespace faultbox::fis::testing {

// The seed's template with its targets and actions replaced.
inline nlohmann::json seed_with(nlohmann::json targets, nlohmann::json actions) {
  auto body = step03_template_json();
  body["targets"] = std::move(targets);
  body["actions"] = std::move(actions);
  return body;
}

class RunnerTest : public ::testing::Test {
 protected:
  explicit RunnerTest(std::uint64_t seed = 1)
      : runner_(environment_of(lab_), "eu-west-2", "000000000000", seed) {
    add_step03_instances(lab_);
  }

  // Starts an experiment of the template `body` (CreateExperimentTemplate input) and ticks once;
  // the start's error when the template is refused.
  Result<const Experiment*> start_body(const nlohmann::json& body) {
    auto t = parse_create_template(body);
    EXPECT_TRUE(t) << t.error().message;
    auto e = runner_.start(*t, {}, clock_.now());
    if (e) {
      runner_.tick(clock_.now());
    }
    return e;
  }

  void advance(Duration d) {
    clock_.advance(d);
    runner_.tick(clock_.now());
  }

  FakeLab lab_;
  ManualClock clock_;
  Runner runner_;
};

}  // namespace faultbox::fis::testing
