// Subnet faults over a real Cloud: the rules follow the instances in the cut-off subnets (one
// launched meanwhile is cut off too), scope availability-zone reaches only the VPC's other zones,
// removal applies an empty rule set, and a lab without a packet filter or with one that refuses
// the rules says so and holds nothing.
#include "cloud/network/network_faults.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <filesystem>

#include "cloud/cloud.h"
#include "cloud/resource_change.h"
#include "cloud/ssm/ssm_commands.h"
#include "cloud/stack_provider.h"
#include "expr/value.h"
#include "support/fake_supervisor.h"

namespace faultbox::cloud {
namespace {

using expr::Value;
using netfault::Direction;
using netfault::PacketRule;

// Records each rule set it is given.
class RecordingFilter final : public netfault::PacketFilter {
 public:
  Result<void> apply(const std::vector<PacketRule>& rules) override {
    if (!refusal.empty()) return errors::internal(refusal);
    applied.push_back(rules);
    return {};
  }
  Result<void> clear() override {
    applied.push_back({});
    return {};
  }
  std::vector<std::vector<PacketRule>> applied;
  std::string refusal;
};

class NetworkFaultsTest : public ::testing::Test {
 protected:
  NetworkFaultsTest()
      : cloud_(clock_, supervisor_, control_, data_, options()), provider_(cloud_) {}

  CloudOptions options() {
    CloudOptions o;
    o.data_dir = std::filesystem::temp_directory_path() / "faultbox-network-faults-test";
    o.faultbox_binary = "/opt/faultbox/bin/faultbox";
    o.packet_filter = filter_;
    return o;
  }

  std::string subnet(const std::string& name, const std::string& az, const std::string& vpc,
                     const std::string& cidr = "10.0.1.0/24") {
    auto s = provider_.create(
        testing::resource_change("aws_subnet", name,
                                 Value::object({{"vpc_id", Value::string(vpc)},
                                                {"cidr_block", Value::string(cidr)},
                                                {"availability_zone", Value::string(az)}})));
    EXPECT_TRUE(s) << s.error().to_string();
    return s->find("id")->as_string();
  }

  // An instance in the subnet; its private address.
  std::string instance_in(const std::string& subnet_id, const std::string& name) {
    auto i = provider_.create(testing::resource_change(
        "aws_instance", name, Value::object({{"subnet_id", Value::string(subnet_id)}})));
    EXPECT_TRUE(i) << i.error().to_string();
    return i->find("private_ip")->as_string();
  }

  NetworkFaults& faults() { return cloud_.kind<NetworkFaults>(); }
  std::string online_instance_in(const std::string& subnet_id, const std::string& name);

  std::shared_ptr<RecordingFilter> filter_ = std::make_shared<RecordingFilter>();
  ManualClock clock_;
  testing::FakeSupervisor supervisor_;
  boost::asio::io_context control_;
  boost::asio::io_context data_;
  Cloud cloud_;
  CloudProvider provider_;
};

TEST_F(NetworkFaultsTest, ScopeAllCutsEachSubnetOffFromAllButItselfAndFollowsNewInstances) {
  const auto a = subnet("a", "eu-west-2a", "vpc-1");
  const auto b = subnet("b", "eu-west-2b", "vpc-1");
  const auto in_a = instance_in(a, "web_a");
  instance_in(b, "web_b");
  auto what = faults().disrupt_subnets("EXP1/cut", {a}, "all");
  ASSERT_TRUE(what) << what.error().to_string();
  EXPECT_NE(what->find(in_a), std::string::npos) << *what;
  ASSERT_EQ(filter_->applied.size(), 1u);
  const auto& rules = filter_->applied.back();
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0].targets, std::vector<std::string>{in_a});
  EXPECT_TRUE(rules[0].peers_outside_targets);
  EXPECT_EQ(rules[0].direction, Direction::Ingress);
  EXPECT_EQ(rules[1].direction, Direction::Egress);

  const auto second_in_a = instance_in(a, "web_a2");
  cloud_.tick(clock_.now());
  ASSERT_EQ(filter_->applied.size(), 2u);
  auto targets = filter_->applied.back()[0].targets;  // in instance id order
  std::sort(targets.begin(), targets.end());
  auto expected = std::vector<std::string>{in_a, second_in_a};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(targets, expected);
  cloud_.tick(clock_.now());
  EXPECT_EQ(filter_->applied.size(), 2u);  // nothing changed: nft is not run again

  faults().remove("EXP1/cut");
  ASSERT_EQ(filter_->applied.size(), 3u);
  EXPECT_TRUE(filter_->applied.back().empty());
}

TEST_F(NetworkFaultsTest, ScopeAvailabilityZoneReachesOnlyTheVpcsOtherZones) {
  const auto a = subnet("a", "eu-west-2a", "vpc-1");
  const auto b = subnet("b", "eu-west-2b", "vpc-1");
  const auto a2 = subnet("a2", "eu-west-2a", "vpc-1");
  const auto other_vpc = subnet("c", "eu-west-2c", "vpc-2");
  const auto in_a = instance_in(a, "web_a");
  const auto in_b = instance_in(b, "web_b");
  instance_in(a2, "web_a2");        // same zone: still reachable
  instance_in(other_vpc, "web_c");  // another VPC: not its traffic
  ASSERT_TRUE(faults().disrupt_subnets("EXP1/cut", {a}, "availability-zone"));
  const auto& rules = filter_->applied.back();
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0].targets, std::vector<std::string>{in_a});
  EXPECT_FALSE(rules[0].peers_outside_targets);
  EXPECT_EQ(rules[0].peers, std::vector<std::string>{in_b});
}

TEST_F(NetworkFaultsTest, AFilterThatRefusesLeavesNoFaultHeld) {
  const auto a = subnet("a", "eu-west-2a", "vpc-1");
  instance_in(a, "web_a");
  filter_->refusal = "Operation not permitted";
  auto refused = faults().disrupt_subnets("EXP1/cut", {a}, "all");
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("Operation not permitted"), std::string::npos);
  EXPECT_TRUE(faults().rules().empty());
}

// An instance in the subnet, running, with its SSM agent online; its id.
std::string NetworkFaultsTest::online_instance_in(const std::string& subnet_id,
                                                  const std::string& name) {
  instance_in(subnet_id, name);
  for (int i = 0; i < 31; ++i) {
    clock_.advance(std::chrono::seconds(1));
    cloud_.tick(clock_.now());
  }
  std::string id;
  for (const auto* i : cloud_.instances().list()) {
    if (i->subnet_id == subnet_id) id = i->id;
  }
  EXPECT_TRUE(cloud_.kind<SsmCommands>().agent_poll(id, "agent-1", {}));
  return id;
}

TEST_F(NetworkFaultsTest, ANetworkCommandHoldsItsRuleFromDeliveryToItsEnd) {
  const auto a = subnet("a", "eu-west-2a", "vpc-1");
  const auto id = online_instance_in(a, "web_a");
  const auto ip = cloud_.instances().find(id)->private_ip;
  auto& ssm = cloud_.kind<SsmCommands>();
  auto sent = ssm.send({"eu-west-2",
                        "AWSFIS-Run-Network-Blackhole-Port",
                        {{"Protocol", {"tcp"}}, {"Port", {"80"}}, {"DurationSeconds", {"60"}}},
                        {id},
                        "blackhole"});
  ASSERT_TRUE(sent) << sent.error().to_string();
  const auto command = (*sent)->id;
  cloud_.tick(clock_.now());
  EXPECT_TRUE(faults().rules().empty());  // Pending: the agent has not taken it yet
  ASSERT_TRUE(ssm.agent_poll(id, "agent-1", {}));
  cloud_.tick(clock_.now());
  ASSERT_EQ(filter_->applied.back().size(), 1u);
  const auto& rule = filter_->applied.back()[0];
  EXPECT_EQ(rule.targets, std::vector<std::string>{ip});
  EXPECT_EQ(rule.direction, Direction::Ingress);
  EXPECT_EQ(rule.protocol, "tcp");
  EXPECT_EQ(rule.port, 80);

  // A second network command on the instance does not add its rule while the first runs.
  auto second = ssm.send({"eu-west-2",
                          "AWSFIS-Run-Network-Packet-Loss-Sources",
                          {{"Sources", {"eu-west-2b"}}, {"DurationSeconds", {"60"}}},
                          {id},
                          "loss"});
  ASSERT_TRUE(second) << second.error().to_string();
  ASSERT_TRUE(ssm.agent_poll(id, "agent-1", {command}));
  cloud_.tick(clock_.now());
  EXPECT_EQ(filter_->applied.back().size(), 1u);

  // The first ends: the second's rule takes over (a zone is its address range).
  ASSERT_TRUE(ssm.agent_report(id, {command, ssm::Status::Success, 0, "", ""}));
  cloud_.tick(clock_.now());
  ASSERT_EQ(filter_->applied.back().size(), 1u);
  EXPECT_EQ(filter_->applied.back()[0].peers, std::vector<std::string>{"127.10.2.0/24"});
  EXPECT_EQ(filter_->applied.back()[0].drop_percent, 7);
  // Cancelled: the rule goes at once, before the agent confirms.
  ASSERT_TRUE(ssm.cancel((*second)->id, {}));
  cloud_.tick(clock_.now());
  EXPECT_TRUE(filter_->applied.back().empty());
}

// Sources in the VPC's own addressing reach the instances of the subnets they cover.
TEST_F(NetworkFaultsTest, ASourceBlockOfTheVpcMeansTheInstancesOfItsSubnets) {
  const auto a = subnet("a", "eu-west-2a", "vpc-1", "10.1.1.0/24");
  const auto b = subnet("b", "eu-west-2b", "vpc-1", "10.1.2.0/24");
  const auto elsewhere = subnet("c", "eu-west-2c", "vpc-2", "10.2.3.0/24");
  const auto id = online_instance_in(a, "web_a");
  const auto in_b = instance_in(b, "web_b");
  instance_in(elsewhere, "web_c");
  auto& ssm = cloud_.kind<SsmCommands>();
  auto sent = ssm.send({"eu-west-2",
                        "AWSFIS-Run-Network-Packet-Loss-Sources",
                        {{"Sources", {"10.1.0.0/16"}}, {"DurationSeconds", {"60"}}},
                        {id},
                        "loss"});
  ASSERT_TRUE(sent) << sent.error().to_string();
  ASSERT_TRUE(ssm.agent_poll(id, "agent-1", {}));
  cloud_.tick(clock_.now());
  ASSERT_EQ(filter_->applied.back().size(), 1u);
  const auto own = cloud_.instances().find(id)->private_ip;
  auto peers = filter_->applied.back()[0].peers;
  std::sort(peers.begin() + 1, peers.end());
  auto expected = std::vector<std::string>{own, in_b};
  std::sort(expected.begin(), expected.end());
  expected.insert(expected.begin(), "10.1.0.0/16");
  EXPECT_EQ(peers, expected);  // the block, then the instances of subnets a and b, not c's
}

TEST(NetworkFaultsWithoutFilterTest, ALabWithoutAPacketFilterSaysWhy) {
  ManualClock clock;
  testing::FakeSupervisor supervisor;
  boost::asio::io_context control, data;
  CloudOptions o;
  o.data_dir = std::filesystem::temp_directory_path() / "faultbox-network-faults-test";
  o.packet_filter_problem = "nft is not installed";
  Cloud cloud(clock, supervisor, control, data, o);
  auto refused = cloud.kind<NetworkFaults>().disrupt_subnets("EXP1/cut", {"subnet-1"}, "all");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "InternalFailure");
  EXPECT_NE(refused.error().message.find("nft is not installed"), std::string::npos);
}

}  // namespace
}  // namespace faultbox::cloud
