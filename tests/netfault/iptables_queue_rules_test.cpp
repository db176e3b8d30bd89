// The iptables-restore text that sends delay rules' packets to the lab's queues: the lab's own
// chain in the mangle table, emptied and filled at once, each line to its rule's queue with
// --queue-bypass (packets pass when no delayer listens: a killed lab leaves no outage).
#include "netfault/iptables_queue_rules.h"

#include <gtest/gtest.h>

namespace faultbox::netfault {
namespace {

TEST(IptablesQueueRulesTest, EachRuleGoesToItsQueueAndPassesWithoutAListener) {
  QueuedRule first{{.targets = {"127.10.1.10"}, .direction = Direction::Egress, .delay_ms = 200},
                   256};
  QueuedRule second{{.targets = {"127.10.2.10"},
                     .peers = {"127.10.1.0/24"},
                     .protocol = "udp",
                     .delay_ms = 50,
                     .jitter_ms = 5},
                    257};
  auto text = render_queue_chain("faultbox_abc", {first, second});
  ASSERT_TRUE(text) << text.error().message;
  EXPECT_EQ(*text,
            "*mangle\n"
            ":faultbox_abc - [0:0]\n"
            "-F faultbox_abc\n"
            "-A faultbox_abc -s 127.10.1.10/32 -j NFQUEUE --queue-num 256 --queue-bypass\n"
            "-A faultbox_abc -d 127.10.2.10/32 -s 127.10.1.0/24 -p udp -j NFQUEUE --queue-num 257 "
            "--queue-bypass\n"
            "COMMIT\n");
}

TEST(IptablesQueueRulesTest, NoRulesEmptiesTheChain) {
  auto text = render_queue_chain("faultbox_abc", {});
  ASSERT_TRUE(text);
  EXPECT_EQ(*text, "*mangle\n:faultbox_abc - [0:0]\n-F faultbox_abc\nCOMMIT\n");
}

TEST(IptablesQueueRulesTest, BadQueueNumbersAndRulesAreRefused) {
  EXPECT_FALSE(render_queue_chain("c", {{{.targets = {"127.10.1.10"}, .delay_ms = 1}, 70000}}));
  EXPECT_FALSE(render_queue_chain("c", {{{.targets = {"10.0.0.1\n-A x"}, .delay_ms = 1}, 256}}));
}

}  // namespace
}  // namespace faultbox::netfault
