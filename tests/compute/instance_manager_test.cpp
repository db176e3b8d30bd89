#include "compute/instance_manager.h"

#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/fake_supervisor.h"
#include "support/temp_dir.h"

namespace faultbox::compute {
namespace {

using namespace std::chrono_literals;

class InstanceManagerTest : public ::testing::Test {
 protected:
  InstanceManagerTest() : manager_(clock_, supervisor_, config()) {}

  InstanceManagerConfig config() {
    InstanceManagerConfig c;
    c.image = {dir_.path(), "/opt/faultbox/bin/faultbox", "http://127.0.0.1:4566/_imds/"};
    c.id_seed = 7;
    return c;
  }

  const Instance& launch(const std::string& az = "eu-west-2a", Tags tags = {{"Name", "web"}}) {
    auto r = manager_.run_instance({.availability_zone = az, .tags = std::move(tags)});
    EXPECT_TRUE(r) << (r ? "" : r.error().to_string());
    return **r;
  }

  void tick() { manager_.tick(clock_.now()); }

  test::TempDir dir_;
  ManualClock clock_;
  testing::FakeSupervisor supervisor_;
  InstanceManager manager_;
};

TEST_F(InstanceManagerTest, PendingThenRunningOnceSpawned) {
  const Instance& i = launch();
  EXPECT_EQ(i.state, InstanceState::Pending);
  EXPECT_EQ(i.pid, 0);
  EXPECT_TRUE(supervisor_.specs.empty());
  tick();
  EXPECT_EQ(i.state, InstanceState::Running);
  EXPECT_EQ(state_code(i.state), 16);
  EXPECT_EQ(i.status, StatusCheck::Ok);
  ASSERT_EQ(supervisor_.specs.size(), 1u);
  EXPECT_EQ(i.region, "eu-west-2");
  EXPECT_EQ(manager_.arn(i), "arn:aws:ec2:eu-west-2:000000000000:instance/" + i.id);
}

TEST_F(InstanceManagerTest, StartsAFewProcessesPerTickAndTheRestOnTheNextTicks) {
  std::vector<const Instance*> launched;
  for (int n = 0; n < 10; ++n) {
    launched.push_back(&launch(n % 2 ? "eu-west-2a" : "eu-west-2b"));
  }
  auto running = [&launched] {
    return std::count_if(launched.begin(), launched.end(),
                         [](const Instance* i) { return i->state == InstanceState::Running; });
  };
  tick();
  EXPECT_EQ(running(), 4);
  EXPECT_EQ(supervisor_.specs.size(), 4u);
  tick();
  EXPECT_EQ(running(), 8);
  tick();
  EXPECT_EQ(running(), 10);
  EXPECT_EQ(supervisor_.specs.size(), 10u);
}

TEST_F(InstanceManagerTest, ProcessGetsIdentityEnvAndWebImageCommand) {
  const Instance& i = launch("eu-west-2b");
  tick();
  const ProcessSpec& spec = supervisor_.specs.at(0);
  EXPECT_EQ(spec.env.at("PORT"), "80");
  EXPECT_EQ(spec.env.at("ADDRESS"), "127.10.2.10");
  EXPECT_EQ(spec.env.at("INSTANCE_ID"), i.id);
  EXPECT_EQ(spec.env.at("AVAILABILITY_ZONE"), "eu-west-2b");
  EXPECT_EQ(spec.env.at("REGION"), "eu-west-2");
  EXPECT_EQ(spec.env.at("NAME"), "web");
  EXPECT_EQ(spec.env.at("AWS_EC2_METADATA_SERVICE_ENDPOINT"),
            "http://127.0.0.1:4566/_imds/" + i.id);
  const std::vector<std::string> argv{
      "/opt/faultbox/bin/faultbox", "instance-web", "--address", "127.10.2.10", "--port", "80"};
  EXPECT_EQ(spec.argv, argv);
  EXPECT_EQ(spec.log_path, (dir_.path() / "instances" / i.id / "console.log").string());
  EXPECT_TRUE(std::filesystem::is_directory(dir_.path() / "instances" / i.id));
}

TEST_F(InstanceManagerTest, IpsAreUniquePerAzAndReusedAfterTermination) {
  const Instance& a1 = launch("eu-west-2a");
  const Instance& a2 = launch("eu-west-2a");
  const Instance& c1 = launch("eu-west-2c");
  EXPECT_EQ(a1.private_ip, "127.10.1.10");
  EXPECT_EQ(a2.private_ip, "127.10.1.11");
  EXPECT_EQ(c1.private_ip, "127.10.3.10");
  tick();
  ASSERT_TRUE(manager_.stop(a2.id));
  tick();
  EXPECT_EQ(a2.state, InstanceState::Stopped);
  EXPECT_EQ(launch("eu-west-2a").private_ip, "127.10.1.12") << "a stopped instance keeps its IP";
  ASSERT_TRUE(manager_.terminate(a1.id));
  tick();
  EXPECT_EQ(a1.state, InstanceState::Terminated);
  EXPECT_EQ(launch("eu-west-2a").private_ip, "127.10.1.10");
}

TEST_F(InstanceManagerTest, StopKeepsIdentityAndStartBootsANewProcess) {
  const Instance& i = launch();
  tick();
  const int first_pid = i.pid;
  const std::string ip = i.private_ip;
  ASSERT_TRUE(manager_.stop(i.id));
  EXPECT_EQ(i.state, InstanceState::Stopping);
  EXPECT_EQ(i.state_reason.code, "Client.UserInitiatedShutdown");
  EXPECT_TRUE(supervisor_.signalled(first_pid, SIGTERM));
  tick();
  EXPECT_EQ(i.state, InstanceState::Stopped);
  EXPECT_EQ(state_code(i.state), 80);
  EXPECT_EQ(i.private_ip, ip);
  EXPECT_EQ(i.tags.at("Name"), "web");
  ASSERT_TRUE(manager_.stop(i.id)) << "stopping a stopped instance is not an error";
  ASSERT_TRUE(manager_.start(i.id));
  EXPECT_EQ(i.state, InstanceState::Pending);
  tick();
  EXPECT_EQ(i.state, InstanceState::Running);
  EXPECT_NE(i.pid, first_pid);
  EXPECT_EQ(supervisor_.specs.size(), 2u);
}

TEST_F(InstanceManagerTest, SpotInterruptionStopsOrTerminatesAtItsTime) {
  const Instance& on_demand = launch();
  auto spot = manager_.run_instance({.availability_zone = "eu-west-2b", .market = {.spot = true}});
  auto stops = manager_.run_instance(
      {.availability_zone = "eu-west-2c", .market = {.spot = true, .stop_on_interruption = true}});
  ASSERT_TRUE(spot && stops);
  tick();
  auto refused = manager_.interrupt_spot(on_demand.id, clock_.now() + std::chrono::minutes(2));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "UnsupportedOperation");
  const auto at = clock_.now() + std::chrono::minutes(5);
  ASSERT_TRUE(manager_.interrupt_spot((*spot)->id, at));
  ASSERT_TRUE(manager_.interrupt_spot((*stops)->id, at));
  const auto& notice = *(*spot)->spot_interruption;
  EXPECT_EQ(notice.rebalance_at, clock_.now());
  EXPECT_EQ(notice.notice_at, at - std::chrono::minutes(2));
  clock_.advance(std::chrono::minutes(5) - std::chrono::seconds(1));
  tick();
  EXPECT_EQ((*spot)->state, InstanceState::Running);
  clock_.advance(std::chrono::seconds(1));
  tick();
  EXPECT_EQ((*spot)->state, InstanceState::ShuttingDown);
  EXPECT_EQ((*spot)->state_reason.code, "Server.SpotInstanceTermination");
  EXPECT_EQ((*stops)->state, InstanceState::Stopping);
  EXPECT_EQ((*stops)->state_reason.code, "Server.SpotInstanceShutdown");
  EXPECT_FALSE((*spot)->spot_interruption.has_value());
}

TEST_F(InstanceManagerTest, AWithdrawnSpotInterruptionNeverComes) {
  auto spot = manager_.run_instance({.availability_zone = "eu-west-2a", .market = {.spot = true}});
  ASSERT_TRUE(spot);
  tick();
  ASSERT_TRUE(manager_.interrupt_spot((*spot)->id, clock_.now() + std::chrono::minutes(2)));
  ASSERT_TRUE(manager_.cancel_spot_interruption((*spot)->id));
  clock_.advance(std::chrono::minutes(3));
  tick();
  EXPECT_EQ((*spot)->state, InstanceState::Running);
}

TEST_F(InstanceManagerTest, SigkillAfterKillDelayWhenSigtermIsIgnored) {
  supervisor_.ignore_sigterm = true;
  const Instance& i = launch();
  tick();
  const int pid = i.pid;
  ASSERT_TRUE(manager_.stop(i.id));
  clock_.advance(4s);
  tick();
  EXPECT_EQ(i.state, InstanceState::Stopping);
  EXPECT_FALSE(supervisor_.signalled(pid, SIGKILL));
  clock_.advance(1s);
  tick();
  EXPECT_TRUE(supervisor_.signalled(pid, SIGKILL));
  tick();
  EXPECT_EQ(i.state, InstanceState::Stopped);
}

TEST_F(InstanceManagerTest, TerminatedStaysVisibleForAnHour) {
  const Instance& i = launch();
  const std::string id = i.id;
  tick();
  ASSERT_TRUE(manager_.terminate(id));
  EXPECT_EQ(i.state, InstanceState::ShuttingDown);
  EXPECT_EQ(state_code(i.state), 32);
  tick();
  EXPECT_EQ(i.state, InstanceState::Terminated);
  EXPECT_EQ(state_code(i.state), 48);
  auto start = manager_.start(id);
  ASSERT_FALSE(start);
  EXPECT_EQ(start.error().code, "IncorrectInstanceState");
  EXPECT_TRUE(manager_.terminate(id)) << "terminate is idempotent";
  clock_.advance(59min);
  tick();
  EXPECT_NE(manager_.find(id), nullptr);
  clock_.advance(1min);
  tick();
  EXPECT_EQ(manager_.find(id), nullptr);
  EXPECT_TRUE(manager_.list().empty());
}

TEST_F(InstanceManagerTest, ProcessDyingByItselfImpairsButKeepsRunning) {
  const Instance& i = launch();
  tick();
  supervisor_.exit_for_test(i.pid, 1);
  tick();
  EXPECT_EQ(i.state, InstanceState::Running);
  EXPECT_EQ(i.status, StatusCheck::Impaired);
  EXPECT_EQ(i.pid, 0);
  ASSERT_TRUE(manager_.reboot(i.id));
  tick();
  EXPECT_EQ(i.status, StatusCheck::Ok);
  EXPECT_NE(i.pid, 0);
}

TEST_F(InstanceManagerTest, RebootRestartsTheProcessAndStaysRunning) {
  const Instance& i = launch();
  tick();
  const int first = i.pid;
  ASSERT_TRUE(manager_.reboot(i.id));
  EXPECT_TRUE(supervisor_.signalled(first, SIGTERM));
  EXPECT_EQ(i.state, InstanceState::Running);
  tick();
  EXPECT_EQ(i.state, InstanceState::Running);
  EXPECT_EQ(i.status, StatusCheck::Ok);
  EXPECT_NE(i.pid, first);
  ASSERT_TRUE(manager_.stop(i.id));
  tick();
  auto r = manager_.reboot(i.id);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "IncorrectInstanceState");
}

TEST_F(InstanceManagerTest, UserDataRunsWithShellOrAsScript) {
  auto plain = manager_.run_instance({.availability_zone = "eu-west-2a", .user_data = "echo hi"});
  auto script = manager_.run_instance(
      {.availability_zone = "eu-west-2a", .user_data = "#!/bin/sh\necho script\n"});
  ASSERT_TRUE(plain && script);
  tick();
  ASSERT_EQ(supervisor_.specs.size(), 2u);
  const auto& script_id = (*script)->id;
  const auto& by_plain = supervisor_.specs[(*plain)->id < script_id ? 0 : 1];
  const auto& by_script = supervisor_.specs[(*plain)->id < script_id ? 1 : 0];
  EXPECT_EQ(by_plain.argv, (std::vector<std::string>{"/bin/sh", "-c", "echo hi"}));
  const auto path = dir_.path() / "instances" / script_id / "user-data";
  EXPECT_EQ(by_script.argv, std::vector<std::string>{path.string()});
  auto perms = std::filesystem::status(path).permissions();
  EXPECT_NE(perms & std::filesystem::perms::owner_exec, std::filesystem::perms::none);
}

TEST_F(InstanceManagerTest, SpawnFailureTerminatesWithInternalError) {
  supervisor_.fail_spawns = true;
  const Instance& i = launch();
  tick();
  EXPECT_EQ(i.state, InstanceState::Terminated);
  EXPECT_EQ(i.state_reason.code, "Server.InternalError");
}

TEST_F(InstanceManagerTest, BadIdsAndAzsAreErrors) {
  auto malformed = manager_.stop("web-1");
  ASSERT_FALSE(malformed);
  EXPECT_EQ(malformed.error().code, "InvalidInstanceID.Malformed");
  auto missing = manager_.stop("i-0123456789abcdef0");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "InvalidInstanceID.NotFound");
  auto bad_az = manager_.run_instance({.availability_zone = "mars"});
  ASSERT_FALSE(bad_az);
  EXPECT_EQ(bad_az.error().code, "ValidationException");
}

TEST_F(InstanceManagerTest, JsonRoundTripAndRestoreBootsAgain) {
  const Instance& i = launch();
  tick();
  auto j = instance_to_json(i);
  EXPECT_EQ(j.at("state"), "running");
  auto back = instance_from_json(j);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->id, i.id);
  EXPECT_EQ(back->private_ip, i.private_ip);
  EXPECT_EQ(back->tags, i.tags);
  EXPECT_EQ(back->launch_time, i.launch_time);
  EXPECT_EQ(back->pid, 0);

  testing::FakeSupervisor other_supervisor;
  InstanceManager other(clock_, other_supervisor, config());
  ASSERT_TRUE(other.restore(*back));
  EXPECT_EQ(other.find(i.id)->state, InstanceState::Pending);
  other.tick(clock_.now());
  EXPECT_EQ(other.find(i.id)->state, InstanceState::Running);
  EXPECT_FALSE(other.restore(*back)) << "duplicate id";
  EXPECT_FALSE(instance_from_json(nlohmann::json{{"id", 3}}));
}

}  // namespace
}  // namespace faultbox::compute

namespace faultbox::compute {
namespace {

TEST(InstanceManagerBootTime, StaysPendingForTheBootTime) {
  test::TempDir dir;
  ManualClock clock;
  testing::FakeSupervisor supervisor;
  InstanceManagerConfig config;
  config.image = {dir.path(), "/opt/faultbox/bin/faultbox", "http://127.0.0.1:4566/_imds/"};
  config.boot_time = std::chrono::seconds(30);
  InstanceManager manager(clock, supervisor, config);
  auto launched = manager.run_instance({.availability_zone = "eu-west-2b"});
  ASSERT_TRUE(launched);
  const Instance& i = **launched;
  clock.advance(std::chrono::seconds(29));
  manager.tick(clock.now());
  EXPECT_EQ(i.state, InstanceState::Pending);
  EXPECT_TRUE(supervisor.specs.empty());
  clock.advance(std::chrono::seconds(1));
  manager.tick(clock.now());
  EXPECT_EQ(i.state, InstanceState::Running);
  EXPECT_EQ(supervisor.specs.size(), 1u);
}

// With the lab's cgroups (plain directories standing in for cgroupfs), an instance's process
// starts inside its own, bounded to its instance type.
TEST(InstanceManagerCgroups, ProcessStartsInItsInstancesCgroupBoundedToItsType) {
  test::TempDir dir;
  std::filesystem::create_directories(dir.path() / "memory");
  auto tree = limits::CgroupTree::open(
      {limits::CgroupVersion::V1, {{dir.path() / "memory", {"memory"}}}}, "lab");
  ASSERT_TRUE(tree) << tree.error().message;
  ManualClock clock;
  testing::FakeSupervisor supervisor;
  InstanceManagerConfig config;
  config.image = {dir.path(), "/opt/faultbox/bin/faultbox", "http://127.0.0.1:4566/_imds/"};
  config.cgroups = std::move(*tree);
  config.machine_cores = 2;
  InstanceManager manager(clock, supervisor, config);
  auto launched = manager.run_instance(
      {.availability_zone = "eu-west-2b", .instance_type = "t3.nano", .tags = {}});
  ASSERT_TRUE(launched);
  manager.tick(clock.now());
  ASSERT_EQ(supervisor.specs.size(), 1u);
  const auto member = dir.path() / "memory/lab" / (*launched)->id;
  const auto& argv = supervisor.specs[0].argv;
  ASSERT_GE(argv.size(), 5u);
  EXPECT_EQ(
      std::vector<std::string>(argv.begin(), argv.begin() + 5),
      (std::vector<std::string>{"/opt/faultbox/bin/faultbox", "join-cgroups", "--procs",
                                (member / "cgroup.procs").string(), "/opt/faultbox/bin/faultbox"}));
  EXPECT_EQ(argv[5], "instance-web");
  EXPECT_EQ(test::read_file(member / "memory.limit_in_bytes"), "536870912");
}

}  // namespace
}  // namespace faultbox::compute
