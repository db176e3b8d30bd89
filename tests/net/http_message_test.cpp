#include "net/http_message.h"

#include <gtest/gtest.h>

#include "net/http_client.h"

namespace faultbox::net {
namespace {

TEST(UrlDecode, DecodesPercentAndPlus) {
  EXPECT_EQ(url_decode("a%20b+c"), "a b c");
  EXPECT_EQ(url_decode("tag%3APanda"), "tag:Panda");
  EXPECT_EQ(url_decode("100%"), "100%");
  EXPECT_EQ(url_decode("%zz"), "%zz");
}

TEST(UrlEncode, KeepsUnreservedAndRoundTrips) {
  EXPECT_EQ(url_encode("/aws/fis/funky logs"), "%2Faws%2Ffis%2Ffunky%20logs");
  EXPECT_EQ(url_encode("a-b.c_d~e"), "a-b.c_d~e");
  const std::string all = "\"quoted phrase\" & a=b+c/100%";
  EXPECT_EQ(url_decode(url_encode(all)), all);
}

TEST(ParseQuery, SplitsPairs) {
  auto q = parse_query("Action=DescribeInstances&Filter.1.Name=tag%3APanda&flag");
  EXPECT_EQ(q["Action"], "DescribeInstances");
  EXPECT_EQ(q["Filter.1.Name"], "tag:Panda");
  EXPECT_EQ(q.count("flag"), 1u);
}

TEST(HttpRequest, PathQueryAndHeaders) {
  HttpRequest r;
  r.target = "/a/b?x=1";
  r.headers["content-type"] = "text/plain";
  EXPECT_EQ(r.path(), "/a/b");
  EXPECT_EQ(r.query(), "x=1");
  EXPECT_EQ(r.header("Content-Type").value_or(""), "text/plain");
  EXPECT_FALSE(r.header("X-Missing"));
}

TEST(ParseUrl, AcceptsHostPortPath) {
  auto u = parse_url("http://127.0.0.1:4566/_faultbox/health");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->host, "127.0.0.1");
  EXPECT_EQ(u->port, 4566);
  EXPECT_EQ(u->target, "/_faultbox/health");
  auto bare = parse_url("step03-funky-elb.lab");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->port, 80);
  EXPECT_EQ(bare->target, "/");
}

TEST(ParseUrl, RejectsBadInput) {
  EXPECT_FALSE(parse_url("https://example.com/"));
  EXPECT_FALSE(parse_url("http://host:99999/"));
  EXPECT_FALSE(parse_url("http://:80/"));
}

TEST(HttpMessage, PathsDecodePercentOnly) {
  EXPECT_EQ(path_decode("arn%3Aaws%3Afis%3Aeu-west-2%3A1%3Aexperiment%2FEXP1"),
            "arn:aws:fis:eu-west-2:1:experiment/EXP1");
  EXPECT_EQ(path_decode("a+b%2"), "a+b%2");
}

}  // namespace
}  // namespace faultbox::net
