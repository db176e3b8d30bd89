#include "lab/read_only_request.h"

#include <gtest/gtest.h>

namespace faultbox::lab {
namespace {

net::HttpRequest call(std::string method, std::string target, net::Headers headers = {},
                      std::string body = "") {
  return net::HttpRequest{
      std::move(method), std::move(target), std::move(headers), std::move(body), "", ""};
}

TEST(ReadOnlyRequest, ReadsAreKnownByMethodOrOperationName) {
  EXPECT_TRUE(is_read_only(call("GET", "/_faultbox/instances")));
  EXPECT_TRUE(
      is_read_only(call("POST", "/", {{"content-type", "application/x-www-form-urlencoded"}},
                        "Action=DescribeInstances&Version=2016-11-15")));
  EXPECT_TRUE(
      is_read_only(call("POST", "/", {{"x-amz-target", "Logs_20140328.DescribeLogGroups"}})));
  EXPECT_TRUE(
      is_read_only(call("POST", "/service/GraniteServiceVersion20100801/operation/GetMetricData")));
  EXPECT_TRUE(is_read_only(call("POST", "/?Action=ListRoles&Version=2010-05-08")));
}

TEST(ReadOnlyRequest, EverythingElseMayChangeTheLab) {
  EXPECT_FALSE(is_read_only(call("POST", "/experiments", {{"content-type", "application/json"}})));
  EXPECT_FALSE(is_read_only(call("DELETE", "/experimentTemplates/EXT1")));
  EXPECT_FALSE(
      is_read_only(call("POST", "/", {{"content-type", "application/x-www-form-urlencoded"}},
                        "Action=StopInstances&InstanceId.1=i-1")));
  EXPECT_FALSE(is_read_only(call("POST", "/", {{"x-amz-target", "Logs_20140328.CreateLogGroup"}})));
  EXPECT_FALSE(is_read_only(call("POST", "/_faultbox/stack/apply")));
  EXPECT_FALSE(is_read_only(call("POST", "/", {}, "")));  // nothing named: assume a change
}

}  // namespace
}  // namespace faultbox::lab
