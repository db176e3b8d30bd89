// A Classic ELB health-check target ("HTTP:80/", "TCP:80", ...): parsing and printing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace faultbox::elb {

enum class HealthCheckProtocol { Http, Https, Tcp, Ssl };

struct HealthTarget {
  HealthCheckProtocol protocol = HealthCheckProtocol::Tcp;
  std::uint16_t port = 0;
  std::string path;  // starts with '/' for HTTP and HTTPS; empty for TCP and SSL

  // The canonical AWS spelling, e.g. "HTTP:8080/health".
  std::string to_string() const;
  bool operator==(const HealthTarget&) const = default;
};

// "HTTP", "HTTPS", "TCP" or "SSL".
std::string_view protocol_name(HealthCheckProtocol protocol);

// Parses "PROTOCOL:PORT[/PATH]" as AWS does: the protocol is case-insensitive, the port is
// 1-65535, HTTP and HTTPS need a path (at most 1024 characters, no spaces), TCP and SSL take none.
// Any other input is a ValidationException naming the value.
Result<HealthTarget> parse_health_target(std::string_view text);

// The lab probes HTTP and TCP targets only. HTTPS and SSL are valid AWS values that the lab cannot
// check (it has no certificates); for them this is a ValidationException saying so.
Result<void> check_supported(const HealthTarget& target);

}  // namespace faultbox::elb
