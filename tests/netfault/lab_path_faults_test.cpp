// Faults on the lab's own paths: which rules meet a flow (target, peer, direction, port), how
// drops and delays add up, and how long a step waits (TCP's retransmissions, a drop of every
// packet never getting through).
#include "netfault/lab_path_faults.h"

#include <gtest/gtest.h>

namespace faultbox::netfault {
namespace {

using std::chrono::milliseconds;

const Flow kBalancerToInstance{.target = "127.10.1.5", .peer = "127.0.0.1", .target_port = 80};

TEST(LabPathFaultsTest, ACutOffSubnetDropsTheBalancersPacketsButNotItsOwn) {
  PacketRule cut{.targets = {"127.10.1.5", "127.10.1.6"}, .peers_outside_targets = true};
  EXPECT_EQ(fault_on({cut}, kBalancerToInstance).drop_percent, 100);
  Flow within = kBalancerToInstance;
  within.peer = "127.10.1.6";
  EXPECT_FALSE(fault_on({cut}, within).any());
  Flow other = kBalancerToInstance;
  other.target = "127.10.2.5";
  EXPECT_FALSE(fault_on({cut}, other).any());
}

TEST(LabPathFaultsTest, PeersMatchByAddressOrBlock) {
  PacketRule from_zone{.targets = {"127.10.1.5"}, .peers = {"127.10.2.0/24"}};
  EXPECT_FALSE(fault_on({from_zone}, kBalancerToInstance).any());
  PacketRule from_lab{.targets = {"127.10.1.5"}, .peers = {"127.0.0.0/8"}};
  EXPECT_EQ(fault_on({from_lab}, kBalancerToInstance).drop_percent, 100);
  PacketRule from_address{.targets = {"127.10.1.5"}, .peers = {"127.0.0.1"}};
  EXPECT_EQ(fault_on({from_address}, kBalancerToInstance).drop_percent, 100);
}

TEST(LabPathFaultsTest, APortIsTheTargetsForIngressAndThePeersForEgress) {
  PacketRule port80{.targets = {"127.10.1.5"}, .protocol = "tcp", .port = 80};
  EXPECT_EQ(fault_on({port80}, kBalancerToInstance).drop_percent, 100);
  port80.direction = Direction::Egress;  // the answers go to the balancer's ephemeral port
  EXPECT_FALSE(fault_on({port80}, kBalancerToInstance).any());
  Flow to_metadata{.target = "127.10.1.5", .peer = "127.0.0.1", .peer_port = 80};
  EXPECT_EQ(fault_on({port80}, to_metadata).drop_percent, 100);
  PacketRule udp{.targets = {"127.10.1.5"}, .protocol = "udp"};
  EXPECT_FALSE(fault_on({udp}, kBalancerToInstance).any());
}

TEST(LabPathFaultsTest, DelaysAddUpOverBothDirectionsAndDropsCompound) {
  PacketRule in{.targets = {"127.10.1.5"}, .delay_ms = 50, .jitter_ms = 5};
  PacketRule out = in;
  out.direction = Direction::Egress;
  const auto both = fault_on({in, out}, kBalancerToInstance);
  EXPECT_EQ(both.delay_ms, 100);
  EXPECT_EQ(both.jitter_ms, 10);
  EXPECT_EQ(both.drop_percent, 0);
  PacketRule half{.targets = {"127.10.1.5"}, .drop_percent = 50};
  EXPECT_EQ(fault_on({half, half}, kBalancerToInstance).drop_percent, 75);
}

TEST(LabPathFaultsTest, AStepWaitsTheDelayWithinItsJitter) {
  std::mt19937 random(7);
  for (int i = 0; i < 200; ++i) {
    auto held = hold_for({.delay_ms = 200, .jitter_ms = 20}, false, random);
    ASSERT_TRUE(held);
    EXPECT_GE(held->count(), 180);
    EXPECT_LE(held->count(), 220);
  }
  EXPECT_EQ(hold_for({}, true, random), milliseconds(0));
}

TEST(LabPathFaultsTest, LostTriesWaitTcpsRetransmissionTimeouts) {
  std::mt19937 random(11);
  int lost = 0;
  for (int i = 0; i < 1000; ++i) {
    auto held = hold_for({.drop_percent = 30}, true, random);
    if (!held) {  // six lost tries in a row: 0.07 % of them
      ++lost;
      continue;
    }
    // 0, 1, 1+2, 1+2+4, ... seconds for a handshake.
    EXPECT_TRUE(held->count() == 0 || held->count() == 1000 || held->count() == 3000 ||
                held->count() == 7000 || held->count() == 15000 || held->count() == 31000)
        << held->count();
    lost += held->count() > 0 ? 1 : 0;
  }
  EXPECT_NEAR(lost, 300, 60);
  auto established = hold_for({.drop_percent = 99}, false, random);
  EXPECT_TRUE(!established || established->count() % 200 == 0);
}

TEST(LabPathFaultsTest, NothingGetsThroughWhenEveryPacketIsDropped) {
  std::mt19937 random(3);
  EXPECT_EQ(hold_for({.drop_percent = 100}, true, random), std::nullopt);
  EXPECT_EQ(hold_for({.drop_percent = 100, .delay_ms = 10}, false, random), std::nullopt);
}

TEST(LabPathFaultsTest, TheFilterChecksItsRulesAndCountsChanges) {
  LabPathFaults filter;
  const auto before = filter.version();
  ASSERT_TRUE(filter.apply({PacketRule{.targets = {"127.10.1.5"}, .drop_percent = 40}}));
  EXPECT_GT(filter.version(), before);
  EXPECT_EQ(filter.fault_on(kBalancerToInstance).drop_percent, 40);
  EXPECT_FALSE(filter.apply({PacketRule{.targets = {"not-an-address"}}}));
  EXPECT_EQ(filter.fault_on(kBalancerToInstance).drop_percent, 40);  // the old rules stay
  ASSERT_TRUE(filter.clear());
  EXPECT_FALSE(filter.fault_on(kBalancerToInstance).any());
}

}  // namespace
}  // namespace faultbox::netfault
