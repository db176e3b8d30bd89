// The nftables text for packet rules: each direction matches the instance's own address on the
// right side, peers and the "outside the targets" form, protocol and port, a share by numgen; bad
// addresses, shares and ports never reach nft.
#include "netfault/packet_rule.h"

#include <gtest/gtest.h>

namespace faultbox::netfault {
namespace {

std::string rendered(const std::vector<PacketRule>& rules) {
  auto text = render_nft_table("faultbox_test", rules);
  EXPECT_TRUE(text) << text.error().message;
  return text ? *text : "";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(PacketRuleTest, ASubnetCutOffDropsWhatCrossesItsEdgeBothWays) {
  PacketRule in{.targets = {"127.10.1.10", "127.10.1.11"}, .peers_outside_targets = true};
  PacketRule out = in;
  out.direction = Direction::Egress;
  const auto text = rendered({in, out});
  EXPECT_TRUE(contains(text, "table ip faultbox_test {")) << text;
  EXPECT_TRUE(contains(text, "type filter hook output priority filter; policy accept;")) << text;
  EXPECT_TRUE(contains(text, "ip daddr { 127.10.1.10, 127.10.1.11 } ip saddr != { 127.10.1.10, "
                             "127.10.1.11 } drop"))
      << text;
  EXPECT_TRUE(contains(text, "ip saddr { 127.10.1.10, 127.10.1.11 } ip daddr != { 127.10.1.10, "
                             "127.10.1.11 } drop"))
      << text;
}

TEST(PacketRuleTest, RulesThatDelayAreNotNftablesDrops) {
  PacketRule delay{.targets = {"127.10.1.10"}, .delay_ms = 200};
  const auto text = rendered({delay});
  EXPECT_FALSE(contains(text, "127.10.1.10")) << text;
}

TEST(PacketRuleTest, IptablesMatchesOneLinePerTargetAndPeer) {
  PacketRule rule{.targets = {"127.10.1.10", "127.10.1.11"},
                  .direction = Direction::Egress,
                  .peers = {"127.10.2.0/24", "127.0.0.1"},
                  .protocol = "tcp",
                  .port = 443,
                  .delay_ms = 100};
  auto lines = iptables_matches(rule);
  ASSERT_TRUE(lines) << lines.error().message;
  EXPECT_EQ(*lines, (std::vector<std::string>{
                        "-s 127.10.1.10/32 -d 127.10.2.0/24 -p tcp --dport 443",
                        "-s 127.10.1.10/32 -d 127.0.0.1 -p tcp --dport 443",
                        "-s 127.10.1.11/32 -d 127.10.2.0/24 -p tcp --dport 443",
                        "-s 127.10.1.11/32 -d 127.0.0.1 -p tcp --dport 443",
                    }));
  PacketRule in{.targets = {"127.10.1.10"}, .delay_ms = 100};
  EXPECT_EQ(*iptables_matches(in), std::vector<std::string>{"-d 127.10.1.10/32"});
}

TEST(PacketRuleTest, DelaysAreBounded) {
  for (auto [delay, jitter] : {std::pair{60'001, 0}, std::pair{100, 101}, std::pair{100, -1}}) {
    PacketRule rule{.targets = {"127.10.1.10"}, .delay_ms = delay, .jitter_ms = jitter};
    EXPECT_FALSE(check_rule(rule)) << delay << " " << jitter;
  }
  PacketRule cut_off{.targets = {"127.10.1.10"}, .peers_outside_targets = true, .delay_ms = 5};
  EXPECT_FALSE(check_rule(cut_off));
  PacketRule injected{.targets = {"127.10.1.10 -j ACCEPT"}, .delay_ms = 5};
  EXPECT_FALSE(iptables_matches(injected));
}

TEST(PacketRuleTest, PortsProtocolsPeersAndShares) {
  PacketRule port{.targets = {"127.10.2.10"}, .protocol = "tcp", .port = 80};
  PacketRule loss{.targets = {"127.10.2.10"},
                  .direction = Direction::Egress,
                  .peers = {"127.10.3.0/24", "127.0.0.1"},
                  .drop_percent = 30};
  const auto text = rendered({port, loss});
  EXPECT_TRUE(contains(text, "ip daddr 127.10.2.10 meta l4proto tcp tcp dport 80 drop")) << text;
  EXPECT_TRUE(contains(text, "ip saddr 127.10.2.10 ip daddr { 127.10.3.0/24, 127.0.0.1 } numgen "
                             "random mod 100 < 30 drop"))
      << text;
}

TEST(PacketRuleTest, ARuleWithoutTargetsIsLeftOut) {
  const auto text = rendered({PacketRule{}});
  EXPECT_FALSE(contains(text, "drop")) << text;
}

TEST(PacketRuleTest, WhatIsNotAnAddressShareOrPortNeverReachesNft) {
  for (const auto& bad :
       std::vector<PacketRule>{{.targets = {"127.10.1.10; flush ruleset"}},
                               {.targets = {"127.10.1.10"}, .peers = {"10.0.0.0/33"}},
                               {.targets = {"127.10.1.10"}, .drop_percent = 0},
                               {.targets = {"127.10.1.10"}, .protocol = "icmp"},
                               {.targets = {"127.10.1.10"}, .port = 80},
                               {.targets = {"127.10.1.10"}, .protocol = "udp", .port = 70000}}) {
    EXPECT_FALSE(render_nft_table("faultbox_test", {bad}));
  }
}

TEST(PacketRuleTest, PeersAreAddressesOrCidrBlocks) {
  EXPECT_TRUE(check_ipv4_peer("10.0.1.0/24"));
  EXPECT_TRUE(check_ipv4_peer("0.0.0.0/0"));
  EXPECT_TRUE(check_ipv4_peer("127.0.0.1"));
  EXPECT_FALSE(check_ipv4_peer("10.0.1.0/"));
  EXPECT_FALSE(check_ipv4_peer("10.0.1/24"));
  EXPECT_FALSE(check_ipv4_peer("eu-west-2a"));
  EXPECT_FALSE(check_ipv4_peer(""));
}

}  // namespace
}  // namespace faultbox::netfault
