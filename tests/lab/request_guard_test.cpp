#include "lab/request_guard.h"

#include <gtest/gtest.h>

namespace faultbox::lab {
namespace {

const LabTokens kTokens{"control-token", "console-token"};

net::HttpRequest request(std::string method, std::string target, net::Headers headers = {}) {
  net::HttpRequest r;
  r.method = std::move(method);
  r.target = std::move(target);
  r.headers = std::move(headers);
  if (!r.headers.count("host")) {
    r.headers["host"] = "127.0.0.1:4566";
  }
  return r;
}

bool allowed(const net::HttpRequest& r) { return !refusal_of(r, kTokens); }

std::string why(const net::HttpRequest& r) {
  auto refusal = refusal_of(r, kTokens);
  return refusal ? refusal->code + ": " + refusal->message : "allowed";
}

TEST(RequestGuard, TheHostMustBeAnAddressOrLocalhost) {
  EXPECT_TRUE(allowed(request("GET", "/_faultbox/health")));
  EXPECT_TRUE(allowed(request("GET", "/", {{"host", "localhost:4566"}})));
  EXPECT_TRUE(allowed(request("GET", "/", {{"host", "[::1]:4566"}})));
  EXPECT_TRUE(allowed(request("GET", "/", {{"host", "lab.localhost:4566"}})));
  EXPECT_TRUE(allowed(request("GET", "/latest/meta-data/", {{"host", "169.254.169.254"}})));
  // DNS rebinding: a name of someone else's that resolves to 127.0.0.1.
  auto rebound = request("GET", "/_faultbox/instances", {{"host", "evil.example:4566"}});
  EXPECT_NE(why(rebound).find("AccessDeniedException: the Host header names \"evil.example:4566\""),
            std::string::npos)
      << why(rebound);
}

TEST(RequestGuard, OtherSitesPagesCannotActThroughTheLab) {
  // An <img> or a fetch from another site's page.
  EXPECT_FALSE(allowed(
      request("GET", "/x", {{"sec-fetch-site", "cross-site"}, {"sec-fetch-mode", "no-cors"}})));
  EXPECT_FALSE(allowed(request("POST", "/_faultbox/templates",
                               {{"origin", "http://evil.example"},
                                {"content-type", "text/plain"},
                                {kTokenHeader, "console-token"}})));
  EXPECT_FALSE(allowed(request("POST", "/", {{"origin", "null"}})));
  // Following a link to the console is a navigation: it reads nothing and changes nothing.
  EXPECT_TRUE(allowed(
      request("GET", "/", {{"sec-fetch-site", "cross-site"}, {"sec-fetch-mode", "navigate"}})));
  EXPECT_FALSE(allowed(
      request("POST", "/", {{"sec-fetch-site", "cross-site"}, {"sec-fetch-mode", "navigate"}})));
  // The console itself.
  EXPECT_TRUE(allowed(request("POST", "/_faultbox/templates",
                              {{"origin", "http://127.0.0.1:4566"},
                               {"sec-fetch-site", "same-origin"},
                               {kTokenHeader, "console-token"}})));
}

TEST(RequestGuard, LabRoutesThatChangeTheLabNeedAToken) {
  EXPECT_FALSE(allowed(request("POST", "/_faultbox/instances/i-1/stop")));
  EXPECT_FALSE(
      allowed(request("POST", "/_faultbox/instances/i-1/stop", {{kTokenHeader, "guess"}})));
  EXPECT_TRUE(
      allowed(request("POST", "/_faultbox/instances/i-1/stop", {{kTokenHeader, "console-token"}})));
  EXPECT_TRUE(
      allowed(request("DELETE", "/_faultbox/templates/EXT1", {{kTokenHeader, "control-token"}})));
  EXPECT_TRUE(allowed(request("GET", "/_faultbox/instances")));
  // AWS API calls are answered as AWS answers them.
  EXPECT_TRUE(allowed(request("POST", "/", {{"content-type", "application/x-amz-json-1.1"}})));
}

TEST(RequestGuard, OnlyTheCommandStopsTheLab) {
  EXPECT_NE(why(request("POST", "/_faultbox/shutdown", {{kTokenHeader, "console-token"}}))
                .find("faultbox down"),
            std::string::npos);
  EXPECT_FALSE(allowed(request("POST", "/_faultbox/shutdown")));
  EXPECT_TRUE(allowed(request("POST", "/_faultbox/shutdown", {{kTokenHeader, "control-token"}})));
}

TEST(RequestGuard, EmptyTokensMatchNothing) {
  EXPECT_FALSE(refusal_of(request("GET", "/"), LabTokens{}));
  EXPECT_TRUE(
      refusal_of(request("POST", "/_faultbox/templates", {{kTokenHeader, ""}}), LabTokens{}));
  EXPECT_EQ(random_token().size(), 32u);
  EXPECT_NE(random_token(), random_token());
}

}  // namespace
}  // namespace faultbox::lab
