#include "netfault/packet_rule.h"

#include <arpa/inet.h>

#include <charconv>

#include "core/error.h"

namespace faultbox::netfault {

namespace {

bool is_ipv4(std::string_view text) {
  in_addr parsed{};
  return inet_pton(AF_INET, std::string(text).c_str(), &parsed) == 1;
}

// "{ a, b }" as nft writes an anonymous set; a single element stands alone.
std::string nft_set(const std::vector<std::string>& items) {
  if (items.size() == 1) return items.front();
  std::string out = "{ ";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out + " }";
}

Result<std::string> render_rule(const PacketRule& rule) {
  FAULTBOX_TRY_VOID(check_rule(rule));
  const bool ingress = rule.direction == Direction::Ingress;
  const std::string own = ingress ? "daddr" : "saddr";
  const std::string other = ingress ? "saddr" : "daddr";
  std::string text = "ip " + own + " " + nft_set(rule.targets);
  if (rule.peers_outside_targets) {
    text += " ip " + other + " != " + nft_set(rule.targets);
  } else if (!rule.peers.empty()) {
    text += " ip " + other + " " + nft_set(rule.peers);
  }
  if (!rule.protocol.empty()) {
    text += " meta l4proto " + rule.protocol;
    // The target's own port for what arrives, the peer's for what it sends.
    if (rule.port != 0) text += " " + rule.protocol + " dport " + std::to_string(rule.port);
  }
  if (rule.drop_percent < 100) {
    text += " numgen random mod 100 < " + std::to_string(rule.drop_percent);
  }
  return text + " drop";
}

}  // namespace

Result<void> check_rule(const PacketRule& rule) {
  for (const auto& t : rule.targets) {
    if (!is_ipv4(t))
      return errors::validation("packet rule target " + t + " is not an IPv4 address");
  }
  for (const auto& p : rule.peers) FAULTBOX_TRY_VOID(check_ipv4_peer(p));
  if (rule.delays()) {
    if (rule.delay_ms > kMaxDelayMs || rule.jitter_ms < 0 || rule.jitter_ms > rule.delay_ms) {
      return errors::validation("a packet rule delays 1 to 60000 ms, with a jitter of 0 to the "
                                "delay");
    }
    if (rule.peers_outside_targets) {
      return errors::validation("a packet rule that delays names its peers");
    }
  } else if (rule.drop_percent < 1 || rule.drop_percent > 100) {
    return errors::validation("a packet rule drops 1 to 100 percent of its packets");
  }
  if (!rule.protocol.empty() && rule.protocol != "tcp" && rule.protocol != "udp") {
    return errors::validation("packet rule protocol must be tcp or udp, not " + rule.protocol);
  }
  if (rule.port != 0 && (rule.protocol.empty() || rule.port < 1 || rule.port > 65535)) {
    return errors::validation("a packet rule's port needs a protocol and lies in 1..65535");
  }
  return {};
}

Result<std::vector<std::string>> iptables_matches(const PacketRule& rule) {
  FAULTBOX_TRY_VOID(check_rule(rule));
  const bool ingress = rule.direction == Direction::Ingress;
  const std::string own = ingress ? "-d " : "-s ";
  const std::string other = ingress ? "-s " : "-d ";
  std::string protocol;
  if (!rule.protocol.empty()) {
    protocol = " -p " + rule.protocol;
    if (rule.port != 0) protocol += " --dport " + std::to_string(rule.port);
  }
  std::vector<std::string> lines;
  for (const auto& target : rule.targets) {
    if (rule.peers.empty()) {
      lines.push_back(own + target + "/32" + protocol);
    } else {
      for (const auto& peer : rule.peers) {
        lines.push_back(own + target + "/32 " + other + peer + protocol);
      }
    }
  }
  return lines;
}

Result<void> check_ipv4_peer(std::string_view text) {
  auto slash = text.find('/');
  const auto address = text.substr(0, slash);
  bool good = is_ipv4(address);
  if (good && slash != std::string_view::npos) {
    const auto bits = text.substr(slash + 1);
    int n = -1;
    auto [end, ec] = std::from_chars(bits.data(), bits.data() + bits.size(), n);
    good = ec == std::errc() && end == bits.data() + bits.size() && n >= 0 && n <= 32;
  }
  if (!good) {
    return errors::validation("'" + std::string(text) +
                              "' is not an IPv4 address or CIDR block (e.g. 10.0.1.0/24)");
  }
  return {};
}

Result<std::string> render_nft_table(std::string_view table_name,
                                     const std::vector<PacketRule>& rules) {
  // Loopback traffic passes the output hook once per packet, whichever end is an instance.
  std::string text = "table ip " + std::string(table_name) +
                     " {\n  chain faults {\n    type filter hook output priority filter; "
                     "policy accept;\n";
  for (const auto& rule : rules) {
    if (rule.targets.empty() || rule.delays()) continue;
    FAULTBOX_TRY(line, render_rule(rule));
    text += "    " + line + "\n";
  }
  return text + "  }\n}\n";
}

}  // namespace faultbox::netfault
