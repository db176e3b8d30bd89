// Parses AWS health-check targets; the rules follow the ELB ConfigureHealthCheck API reference.
#include "elb/health_target.h"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <charconv>
#include <utility>

namespace faultbox::elb {
namespace {

constexpr std::size_t kMaxPathLength = 1024;

constexpr std::array<std::pair<std::string_view, HealthCheckProtocol>, 4> kProtocols{{
    {"HTTP", HealthCheckProtocol::Http},
    {"HTTPS", HealthCheckProtocol::Https},
    {"TCP", HealthCheckProtocol::Tcp},
    {"SSL", HealthCheckProtocol::Ssl},
}};

bool needs_path(HealthCheckProtocol p) {
  return p == HealthCheckProtocol::Http || p == HealthCheckProtocol::Https;
}

Error bad_target(std::string_view text, std::string_view why) {
  return errors::validation(fmt::format(
      "health check target \"{}\": {}; expected PROTOCOL:PORT[/PATH], e.g. \"HTTP:80/\" or "
      "\"TCP:80\"",
      text, why));
}

Result<HealthCheckProtocol> parse_protocol(std::string_view text, std::string_view word) {
  std::string upper;
  for (char c : word) {
    upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  for (const auto& [name, protocol] : kProtocols) {
    if (upper == name) {
      return protocol;
    }
  }
  return bad_target(text,
                    fmt::format("unknown protocol \"{}\" (use HTTP, HTTPS, TCP or SSL)", word));
}

Result<std::uint16_t> parse_port(std::string_view text, std::string_view digits) {
  unsigned value = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || value < 1 ||
      value > 65535) {
    return bad_target(text, fmt::format("port \"{}\" must be a number from 1 to 65535", digits));
  }
  return static_cast<std::uint16_t>(value);
}

Result<void> check_path(std::string_view text, HealthCheckProtocol protocol,
                        std::string_view path) {
  if (!needs_path(protocol)) {
    if (!path.empty()) {
      return bad_target(text, fmt::format("{} targets take no path", protocol_name(protocol)));
    }
    return {};
  }
  if (path.empty()) {
    return bad_target(text,
                      fmt::format("{} targets need a path such as \"/\"", protocol_name(protocol)));
  }
  if (path.size() > kMaxPathLength) {
    return bad_target(text, "the path is longer than 1024 characters");
  }
  for (char c : path) {
    if (std::isspace(static_cast<unsigned char>(c)) ||
        std::iscntrl(static_cast<unsigned char>(c))) {
      return bad_target(text, "the path contains a space or control character");
    }
  }
  return {};
}

}  // namespace

std::string_view protocol_name(HealthCheckProtocol protocol) {
  for (const auto& [name, p] : kProtocols) {
    if (p == protocol) {
      return name;
    }
  }
  return "TCP";
}

std::string HealthTarget::to_string() const {
  return fmt::format("{}:{}{}", protocol_name(protocol), port, path);
}

Result<HealthTarget> parse_health_target(std::string_view text) {
  auto colon = text.find(':');
  if (colon == std::string_view::npos) {
    return bad_target(text, "missing ':' between protocol and port");
  }
  auto rest = text.substr(colon + 1);
  auto slash = rest.find('/');
  auto digits = rest.substr(0, slash);
  auto path = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);

  HealthTarget target;
  FAULTBOX_TRY(protocol, parse_protocol(text, text.substr(0, colon)));
  FAULTBOX_TRY(port, parse_port(text, digits));
  FAULTBOX_TRY_VOID(check_path(text, protocol, path));
  target.protocol = protocol;
  target.port = port;
  target.path = std::string(path);
  return target;
}

Result<void> check_supported(const HealthTarget& target) {
  if (target.protocol == HealthCheckProtocol::Https ||
      target.protocol == HealthCheckProtocol::Ssl) {
    return errors::validation(fmt::format(
        "health check target \"{}\": the lab cannot run {} health checks (it has no TLS "
        "certificates); use HTTP:{}{} or TCP:{} instead",
        target.to_string(), protocol_name(target.protocol), target.port,
        target.path.empty() ? "/" : target.path, target.port));
  }
  return {};
}

}  // namespace faultbox::elb
