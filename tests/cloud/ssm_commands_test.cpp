// Systems Manager over a real Cloud: an instance is online once its agent polls and offline a
// minute after it stops polling, SendCommand refuses instances without an online agent, the
// agent is handed the rendered script once, its report ends the invocation, commands are saved
// only when they changed, and a stopped instance fails what it was running.
#include "cloud/ssm/ssm_commands.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <filesystem>

#include "cloud/cloud.h"
#include "support/fake_supervisor.h"

namespace faultbox::cloud {
namespace {

using namespace std::chrono_literals;

class SsmCommandsTest : public ::testing::Test {
 protected:
  SsmCommandsTest() : cloud_(clock_, supervisor_, control_, data_, options()) {}

  static CloudOptions options() {
    CloudOptions o;
    o.data_dir = std::filesystem::temp_directory_path() / "faultbox-ssm-commands-test";
    o.faultbox_binary = "/opt/faultbox/bin/faultbox";
    o.imds_prefix = "http://127.0.0.1:4566/_imds/";
    o.instance_boot_time = 10s;
    return o;
  }

  std::string running_instance() {
    compute::LaunchSpec spec;
    spec.availability_zone = "eu-west-2a";
    auto instance = cloud_.instances().run_instance(spec);
    EXPECT_TRUE(instance) << instance.error().to_string();
    run_for(11s);
    return (*instance)->id;
  }
  void run_for(Duration d) {
    for (auto end = clock_.now() + d; clock_.now() < end;) {
      clock_.advance(1s);
      cloud_.tick(clock_.now());
    }
  }
  Result<const ssm::Command*> send(const std::string& id) {
    return ssm().send(
        {"eu-west-2", "AWS-RunShellScript", {{"commands", {"hostname"}}}, {id}, "test", 3600});
  }
  SsmCommands& ssm() { return cloud_.kind<SsmCommands>(); }

  ManualClock clock_;
  testing::FakeSupervisor supervisor_;
  boost::asio::io_context control_;
  boost::asio::io_context data_;
  Cloud cloud_;
};

TEST_F(SsmCommandsTest, AnInstanceIsOnlineWhileItsAgentPolls) {
  const auto id = running_instance();
  EXPECT_TRUE(ssm().agents("eu-west-2").empty());
  auto refused = send(id);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "InvalidInstanceId");
  ASSERT_TRUE(ssm().agent_poll(id, "s1", {}));
  ASSERT_EQ(ssm().agents("eu-west-2").size(), 1u);
  EXPECT_TRUE(ssm().agents("eu-west-2")[0].online);
  EXPECT_TRUE(ssm().agents("eu-west-3").empty());
  run_for(60s);
  EXPECT_FALSE(ssm().agents("eu-west-2")[0].online);  // ConnectionLost
  EXPECT_FALSE(send(id));
  EXPECT_FALSE(ssm().agent_poll("i-0000000000000000f", "s1", {}));  // no such instance
}

TEST_F(SsmCommandsTest, TheAgentGetsTheScriptOnceAndItsReportEndsTheInvocation) {
  const auto id = running_instance();
  ASSERT_TRUE(ssm().agent_poll(id, "s1", {}));
  auto sent = send(id);
  ASSERT_TRUE(sent) << sent.error().to_string();
  const auto command_id = (*sent)->id;
  auto work = ssm().agent_poll(id, "s1", {});
  ASSERT_TRUE(work);
  ASSERT_EQ((*work)["run"].size(), 1u);
  EXPECT_EQ((*work)["run"][0]["command_id"], command_id);
  EXPECT_EQ((*work)["run"][0]["script"], "hostname\n");
  EXPECT_TRUE((*ssm().agent_poll(id, "s1", {command_id}))["run"].empty());
  ASSERT_TRUE(ssm().agent_report(id, {command_id, ssm::Status::Success, 0, "ip-127\n", ""}));
  EXPECT_EQ(ssm().find(command_id)->status(), ssm::Status::Success);
  EXPECT_EQ(ssm().list("eu-west-2").size(), 1u);
  EXPECT_TRUE(ssm().list("us-east-1").empty());
}

TEST_F(SsmCommandsTest, CommandsAreSavedWhenTheyChangedAndComeBack) {
  const auto id = running_instance();
  ASSERT_TRUE(ssm().agent_poll(id, "s1", {}));
  Records first;
  ssm().save_changes(first);
  EXPECT_EQ(first.count("ssm_command"), 1u);  // the first save gives everything
  Records quiet;
  ssm().save_changes(quiet);
  EXPECT_EQ(quiet.count("ssm_command"), 0u);  // polls changed nothing
  ASSERT_TRUE(send(id));
  Records changed;
  ssm().save_changes(changed);
  ASSERT_EQ(changed.at("ssm_command").size(), 1u);
  ssm().forget_saved_changes();  // that save failed
  Records again;
  ssm().save_changes(again);
  EXPECT_EQ(again.at("ssm_command").size(), 1u);
  SsmCommands restored(cloud_);
  ASSERT_TRUE(restored.restore(again));
  ASSERT_EQ(restored.list("eu-west-2").size(), 1u);
  EXPECT_EQ(restored.list("eu-west-2")[0]->document_name, "AWS-RunShellScript");
}

TEST_F(SsmCommandsTest, AStoppedInstanceFailsWhatItRan) {
  const auto id = running_instance();
  ASSERT_TRUE(ssm().agent_poll(id, "s1", {}));
  auto sent = send(id);
  ASSERT_TRUE(sent);
  const auto command_id = (*sent)->id;
  ASSERT_TRUE(ssm().agent_poll(id, "s1", {}));
  ASSERT_TRUE(cloud_.instances().stop(id));
  run_for(2s);
  EXPECT_EQ(ssm().find(command_id)->status(), ssm::Status::Failed);
  EXPECT_TRUE(ssm().agents("eu-west-2").empty());
}

}  // namespace
}  // namespace faultbox::cloud
