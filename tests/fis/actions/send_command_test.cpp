// aws:ssm:send-command through the runner: the command it sends, that it completes at its
// duration whether the command still runs or finished, that a failed command fails it, that a
// stop cancels the command, and what a denied role or a refused command gets.
#include "fis/runner_fixture.h"

namespace faultbox::fis {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

constexpr const char* kCpuStress = "arn:aws:ssm:eu-west-2::document/AWSFIS-Run-CPU-Stress";

class SendCommandTest : public testing::RunnerTest {
 protected:
  SendCommandTest() : RunnerTest(17) {}

  Result<const Experiment*> start_with(nlohmann::json parameters) {
    auto body = testing::step03_template_json();
    body["targets"]["Instances-Target-1"]["selectionMode"] = "ALL";
    body["actions"] = {{"stress",
                        {{"actionId", "aws:ssm:send-command"},
                         {"parameters", std::move(parameters)},
                         {"targets", {{"Instances", "Instances-Target-1"}}}}}};
    return start_body(body);
  }
  const Experiment& start() {
    auto e = start_with({{"documentArn", kCpuStress},
                         {"documentParameters", R"({"DurationSeconds":"60","CPU":["1"]})"},
                         {"duration", "PT2M"}});
    EXPECT_TRUE(e) << e.error().message;
    return **e;
  }
  const testing::FakeLab::SentCommand& only_command() {
    EXPECT_EQ(lab_.commands.size(), 1u);
    return lab_.commands.begin()->second;
  }
};

TEST_F(SendCommandTest, SendsTheDocumentWithItsParametersToEveryTarget) {
  const Experiment& e = start();
  const auto& c = only_command();
  EXPECT_EQ(c.document, kCpuStress);
  EXPECT_EQ(c.parameters.at("DurationSeconds"), std::vector<std::string>{"60"});
  EXPECT_EQ(c.parameters.at("CPU"), std::vector<std::string>{"1"});
  EXPECT_EQ(c.instance_ids.size(), 3u);
  EXPECT_NE(c.comment.find(e.id), std::string::npos);
  EXPECT_EQ(e.actions.at("stress").status, ActionStatus::Running);
}

bool logged(const Experiment& e, const std::string& text) {
  for (const auto& record : e.log) {
    if (record.details.value("message", "").find(text) != std::string::npos) return true;
  }
  return false;
}

TEST_F(SendCommandTest, ANetworkDocumentLogsWhereItsFaultActs) {
  lab_.network_reach = "only on the lab's own paths";
  auto latency =
      start_with({{"documentArn", "arn:aws:ssm:eu-west-2::document/AWSFIS-Run-Network-Latency"},
                  {"documentParameters", R"({"DurationSeconds":"60"})"},
                  {"duration", "PT2M"}});
  ASSERT_TRUE(latency) << latency.error().message;
  EXPECT_TRUE(logged(**latency, "only on the lab's own paths"));
  EXPECT_FALSE(logged(start(), "only on the lab's own paths"));  // CPU stress: nothing to say
}

TEST_F(SendCommandTest, CompletesAtItsDurationEvenWhenTheCommandFinishedBefore) {
  const Experiment& e = start();
  lab_.commands.begin()->second.status = "Success";
  advance(minutes(2) - seconds(1));
  EXPECT_EQ(e.actions.at("stress").status, ActionStatus::Running);
  advance(seconds(1));
  EXPECT_EQ(e.actions.at("stress").status, ActionStatus::Completed);
  EXPECT_TRUE(lab_.cancelled_commands.empty());  // a command still running is left to run
}

TEST_F(SendCommandTest, ACommandThatFailsFailsTheAction) {
  const Experiment& e = start();
  lab_.commands.begin()->second.status = "Failed";
  advance(seconds(1));
  EXPECT_EQ(e.actions.at("stress").status, ActionStatus::Failed);
  EXPECT_NE(e.actions.at("stress").reason.find("Failed"), std::string::npos);
  EXPECT_EQ(e.status, ExperimentStatus::Failed);
}

TEST_F(SendCommandTest, StoppingTheExperimentCancelsTheCommand) {
  const Experiment& e = start();
  advance(seconds(30));
  ASSERT_TRUE(runner_.stop(e.id, clock_.now()));
  advance(seconds(1));
  EXPECT_EQ(lab_.cancelled_commands.size(), 1u);
  EXPECT_EQ(e.actions.at("stress").status, ActionStatus::Stopped);
  EXPECT_EQ(e.status, ExperimentStatus::Stopped);
}

TEST_F(SendCommandTest, ADeniedRoleSendsNothing) {
  lab_.denied_actions.insert("ssm:SendCommand");
  const Experiment& e = start();
  EXPECT_TRUE(lab_.commands.empty());
  EXPECT_EQ(e.actions.at("stress").status, ActionStatus::Failed);
}

TEST_F(SendCommandTest, ACommandSsmRefusesFailsTheAction) {
  lab_.refuse_commands_with = "InvalidInstanceId";
  const Experiment& e = start();
  EXPECT_EQ(e.actions.at("stress").status, ActionStatus::Failed);
  EXPECT_NE(e.actions.at("stress").reason.find("refused by the test"), std::string::npos);
}

TEST_F(SendCommandTest, ParametersThatAreNotAJsonObjectOfStringsAreRefused) {
  for (const char* bad : {"DurationSeconds=60", "[\"60\"]", R"({"DurationSeconds":60})"}) {
    auto e = start_with(
        {{"documentArn", kCpuStress}, {"documentParameters", bad}, {"duration", "PT2M"}});
    EXPECT_FALSE(e) << bad;
  }
  auto e = start_with({{"documentArn", "AWSFIS-Run-CPU-Stress"}, {"duration", "PT2M"}});
  EXPECT_FALSE(e);
}

}  // namespace
}  // namespace faultbox::fis
