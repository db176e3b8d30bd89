// CloudWatch Logs through the gateway (json 1.1): groups, streams, events, filters, paging and
// the Logs errors.
#include "api_fixture.h"

namespace faultbox::api {
namespace {

using nlohmann::json;

class LogsApiTest : public ApiTest {
 protected:
  json logs(const std::string& op, const json& input) {
    auto r = json_call("logs", "Logs_20140328." + op, input);
    last_status_ = r.status;
    EXPECT_EQ(r.content_type, "application/x-amz-json-1.1");
    return json::parse(r.body);
  }
  int last_status_ = 0;
};

TEST_F(LogsApiTest, EventsInAndOut) {
  logs("CreateLogGroup", {{"logGroupName", "/fis/exp"}});
  EXPECT_EQ(last_status_, 200);
  logs("CreateLogStream", {{"logGroupName", "/fis/exp"}, {"logStreamName", "EXP1"}});
  logs("PutLogEvents", {{"logGroupName", "/fis/exp"},
                        {"logStreamName", "EXP1"},
                        {"logEvents",
                         {{{"timestamp", 1000}, {"message", "action started"}},
                          {{"timestamp", 2000}, {"message", "action completed"}}}}});
  EXPECT_EQ(last_status_, 200);
  auto groups = logs("DescribeLogGroups", {{"logGroupNamePrefix", "/fis"}});
  ASSERT_EQ(groups["logGroups"].size(), 1u);
  EXPECT_EQ(groups["logGroups"][0]["logGroupName"], "/fis/exp");
  auto streams = logs("DescribeLogStreams", {{"logGroupName", "/fis/exp"}});
  EXPECT_EQ(streams["logStreams"][0]["logStreamName"], "EXP1");
  auto events = logs("GetLogEvents", {{"logGroupName", "/fis/exp"}, {"logStreamName", "EXP1"}});
  EXPECT_EQ(events["events"].size(), 2u);
  auto filtered =
      logs("FilterLogEvents", {{"logGroupName", "/fis/exp"}, {"filterPattern", "completed"}});
  ASSERT_EQ(filtered["events"].size(), 1u);
  EXPECT_EQ(filtered["events"][0]["logStreamName"], "EXP1");
  auto by_prefix =
      logs("FilterLogEvents", {{"logGroupName", "/fis/exp"}, {"logStreamNamePrefix", "NONE"}});
  EXPECT_EQ(by_prefix["events"].size(), 0u);
  auto by_arn =
      logs("DescribeLogStreams",
           {{"logGroupIdentifier", "arn:aws:logs:eu-west-2:123456789012:log-group:/fis/exp:*"}});
  EXPECT_EQ(by_arn["logStreams"].size(), 1u);
}

TEST_F(LogsApiTest, GroupsPageWithLimitAndNextToken) {
  for (const char* name : {"a", "b", "c"}) {
    logs("CreateLogGroup", {{"logGroupName", name}});
  }
  auto first = logs("DescribeLogGroups", {{"limit", 2}});
  EXPECT_EQ(first["logGroups"].size(), 2u);
  ASSERT_TRUE(first.contains("nextToken"));
  auto second = logs("DescribeLogGroups", {{"limit", 2}, {"nextToken", first["nextToken"]}});
  ASSERT_EQ(second["logGroups"].size(), 1u);
  EXPECT_EQ(second["logGroups"][0]["logGroupName"], "c");
  EXPECT_FALSE(second.contains("nextToken"));
}

TEST_F(LogsApiTest, ErrorsUseTheLogsCodes) {
  auto missing = logs("FilterLogEvents", {{"logGroupName", "nope"}});
  EXPECT_EQ(missing["__type"], "ResourceNotFoundException");
  logs("CreateLogGroup", {{"logGroupName", "g"}});
  auto twice = logs("CreateLogGroup", {{"logGroupName", "g"}});
  EXPECT_EQ(twice["__type"], "ResourceAlreadyExistsException");
  auto no_name = logs("DescribeLogStreams", json::object());
  EXPECT_EQ(no_name["__type"], "InvalidParameterException");
  EXPECT_EQ(last_status_, 400);
  auto bad_limit =
      logs("GetLogEvents", {{"logGroupName", "g"}, {"logStreamName", "s"}, {"limit", "lots"}});
  EXPECT_EQ(bad_limit["__type"], "InvalidParameterException");
  auto unsupported = logs("StartQuery", json::object());
  EXPECT_EQ(unsupported["__type"], "NotImplemented");
  EXPECT_NE(unsupported["message"].get<std::string>().find("StartQuery"), std::string::npos);
}

}  // namespace
}  // namespace faultbox::api
