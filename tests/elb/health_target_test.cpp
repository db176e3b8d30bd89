// Parsing of AWS health-check targets: accepted spellings, rejected values, supported protocols.
#include "elb/health_target.h"

#include <gtest/gtest.h>

namespace faultbox::elb {
namespace {

struct Good {
  const char* text;
  HealthCheckProtocol protocol;
  std::uint16_t port;
  const char* path;
  const char* canonical;
};

TEST(HealthTargetTest, ParsesAwsTargets) {
  const Good cases[] = {
      {"HTTP:80/", HealthCheckProtocol::Http, 80, "/", "HTTP:80/"},
      {"HTTP:8080/health", HealthCheckProtocol::Http, 8080, "/health", "HTTP:8080/health"},
      {"http:80/index.html?x=1", HealthCheckProtocol::Http, 80, "/index.html?x=1",
       "HTTP:80/index.html?x=1"},
      {"TCP:80", HealthCheckProtocol::Tcp, 80, "", "TCP:80"},
      {"HTTPS:443/", HealthCheckProtocol::Https, 443, "/", "HTTPS:443/"},
      {"SSL:65535", HealthCheckProtocol::Ssl, 65535, "", "SSL:65535"},
  };
  for (const auto& c : cases) {
    auto target = parse_health_target(c.text);
    ASSERT_TRUE(target) << c.text << ": " << target.error().to_string();
    EXPECT_EQ(target->protocol, c.protocol) << c.text;
    EXPECT_EQ(target->port, c.port) << c.text;
    EXPECT_EQ(target->path, c.path) << c.text;
    EXPECT_EQ(target->to_string(), c.canonical) << c.text;
  }
}

TEST(HealthTargetTest, RejectsBadTargetsNamingTheValue) {
  const char* cases[] = {
      "",        "HTTP",      "HTTP:",  "HTTP:80", "UDP:80",      "TCP:0",    "TCP:65536", "TCP:8o",
      "TCP:80/", "SSL:443/x", "HTTP:/", ":80/",    "HTTP:80/a b", "HTTP:-1/", "HTTP:+80/",
  };
  for (const char* text : cases) {
    auto target = parse_health_target(text);
    ASSERT_FALSE(target) << "accepted \"" << text << "\"";
    EXPECT_EQ(target.error().code, "ValidationException") << text;
    EXPECT_NE(target.error().message.find(std::string("\"") + text + "\""), std::string::npos)
        << target.error().message;
  }
}

TEST(HealthTargetTest, RejectsOverlongPath) {
  auto target = parse_health_target("HTTP:80/" + std::string(1024, 'a'));
  ASSERT_FALSE(target);
  EXPECT_NE(target.error().message.find("1024"), std::string::npos);
}

TEST(HealthTargetTest, LabSupportsHttpAndTcpOnly) {
  EXPECT_TRUE(check_supported(*parse_health_target("HTTP:80/")));
  EXPECT_TRUE(check_supported(*parse_health_target("TCP:22")));
  for (const char* text : {"HTTPS:443/", "SSL:443"}) {
    auto supported = check_supported(*parse_health_target(text));
    ASSERT_FALSE(supported) << text;
    EXPECT_EQ(supported.error().code, "ValidationException");
    EXPECT_NE(supported.error().message.find("cannot run"), std::string::npos);
    EXPECT_NE(supported.error().message.find(text), std::string::npos);
  }
}

}  // namespace
}  // namespace faultbox::elb
