// CloudWatch through the gateway over its three protocols: rpc-v2-cbor (tag-1 timestamps,
// __type errors with x-amzn-query-error), json 1.0 and query (XML), on the region's alarms and
// metrics.
#include "api_fixture.h"
#include "cloud/region_services.h"
#include "core/iso8601.h"

namespace faultbox::api {
namespace {

using nlohmann::json;
constexpr const char* kPrefix = "GraniteServiceVersion20100801";

class CloudWatchApiTest : public ApiTest {
 protected:
  net::HttpResponse cw_cbor(const std::string& op, const json& input) {
    return cbor("monitoring", kPrefix, op, input, {"Timestamp", "StartTime", "EndTime"});
  }
  json decoded(const net::HttpResponse& r) {
    auto j = from_cbor(r.body);
    EXPECT_TRUE(j) << (j ? "" : j.error().message);
    return j ? *j : json();
  }
  json alarm_input(const std::string& name) {
    return {{"AlarmName", name},
            {"Namespace", "App"},
            {"MetricName", "Errors"},
            {"Dimensions", json::array({{{"Name", "Service"}, {"Value", "web"}}})},
            {"Statistic", "Sum"},
            {"Period", 60},
            {"EvaluationPeriods", 1},
            {"Threshold", 5.0},
            {"ComparisonOperator", "GreaterThanThreshold"}};
  }
  double epoch(TimePoint t) { return static_cast<double>(t.time_since_epoch().count()) / 1000.0; }
};

TEST_F(CloudWatchApiTest, CborPutAlarmThenDescribeWithTaggedTimestamps) {
  auto put = cw_cbor("PutMetricAlarm", alarm_input("errors-high"));
  EXPECT_EQ(put.status, 200);
  EXPECT_EQ(put.content_type, "application/cbor");
  EXPECT_EQ(put.headers.at("smithy-protocol"), "rpc-v2-cbor");
  auto r = cw_cbor("DescribeAlarms", json::object());
  EXPECT_EQ(r.status, 200);
  auto alarms = decoded(r)["MetricAlarms"];
  ASSERT_EQ(alarms.size(), 1u);
  EXPECT_EQ(alarms[0]["AlarmName"], "errors-high");
  EXPECT_EQ(alarms[0]["StateValue"], "INSUFFICIENT_DATA");
  EXPECT_EQ(alarms[0]["Threshold"], 5.0);
  EXPECT_EQ(alarms[0]["AlarmArn"], "arn:aws:cloudwatch:eu-west-2:123456789012:alarm:errors-high");
  EXPECT_DOUBLE_EQ(alarms[0]["StateUpdatedTimestamp"].get<double>(), epoch(clock_.now()));
  // The timestamp is CBOR tag 1 (0xc1) followed by a float64 (0xfb).
  auto key = std::string("\x75StateUpdatedTimestamp");
  auto at = r.body.find(key);
  ASSERT_NE(at, std::string::npos);
  EXPECT_EQ(static_cast<unsigned char>(r.body[at + key.size()]), 0xc1);
  EXPECT_EQ(static_cast<unsigned char>(r.body[at + key.size() + 1]), 0xfb);
}

TEST_F(CloudWatchApiTest, QueryDescribeAlarmsIsXmlWithMemberLists) {
  ASSERT_EQ(cw_cbor("PutMetricAlarm", alarm_input("errors-high")).status, 200);
  auto r = query("monitoring",
                 "Action=DescribeAlarms&Version=2010-08-01&AlarmNames.member.1=errors-high");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/xml");
  EXPECT_NE(r.body.find("<DescribeAlarmsResponse xmlns=\"http://monitoring.amazonaws.com/doc/"
                        "2010-08-01/\"><DescribeAlarmsResult>"),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("<MetricAlarms><member>"), std::string::npos);
  EXPECT_NE(r.body.find("<Dimensions><member><Name>Service</Name><Value>web</Value></member>"),
            std::string::npos);
  EXPECT_NE(r.body.find("<Threshold>5.0</Threshold>"), std::string::npos);
  EXPECT_NE(r.body.find("<StateUpdatedTimestamp>" + format_iso8601(clock_.now())),
            std::string::npos);
  EXPECT_NE(r.body.find("<ResponseMetadata><RequestId>"), std::string::npos);
}

TEST_F(CloudWatchApiTest, QueryPutMetricAlarmReadsStringNumbersAndLists) {
  auto r = query("monitoring",
                 "Action=PutMetricAlarm&Version=2010-08-01&AlarmName=q&Namespace=App&"
                 "MetricName=Errors&Dimensions.member.1.Name=Service&"
                 "Dimensions.member.1.Value=web&Statistic=Maximum&Period=10&EvaluationPeriods=3&"
                 "DatapointsToAlarm=2&Threshold=1.5&ComparisonOperator=LessThanThreshold&"
                 "AlarmActions.member.1=arn%3Aaws%3Asns%3Ax");
  EXPECT_EQ(r.status, 200) << r.body;
  const auto* a = cloud_.region("eu-west-2").alarms.find("q");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->spec().evaluation_periods, 3);
  EXPECT_EQ(a->spec().datapoints_to_alarm, 2);
  EXPECT_EQ(a->spec().threshold, 1.5);
  EXPECT_EQ(a->spec().dimensions.at(0).value, "web");
}

TEST_F(CloudWatchApiTest, MetricsInStatisticsOutOverJson) {
  auto t0 = clock_.now();
  auto put = json_call("monitoring", std::string(kPrefix) + ".PutMetricData",
                       {{"Namespace", "App"},
                        {"MetricData",
                         {{{"MetricName", "Latency"}, {"Value", 10}, {"Timestamp", epoch(t0)}},
                          {{"MetricName", "Latency"}, {"Value", 30}, {"Timestamp", epoch(t0)}}}}},
                       "1.0");
  EXPECT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.content_type, "application/x-amz-json-1.0");
  auto r = json_call("monitoring", std::string(kPrefix) + ".GetMetricStatistics",
                     {{"Namespace", "App"},
                      {"MetricName", "Latency"},
                      {"StartTime", epoch(t0) - 600},
                      {"EndTime", epoch(t0) + 600},
                      {"Period", 60},
                      {"Statistics", {"Average", "Maximum"}}},
                     "1.0");
  ASSERT_EQ(r.status, 200) << r.body;
  auto out = json::parse(r.body);
  ASSERT_EQ(out["Datapoints"].size(), 1u);
  EXPECT_EQ(out["Datapoints"][0]["Average"], 20.0);
  EXPECT_EQ(out["Datapoints"][0]["Maximum"], 30.0);
  EXPECT_TRUE(out["Datapoints"][0]["Timestamp"].is_number());  // epoch seconds in json
  EXPECT_EQ(out["Label"], "Latency");
}

TEST_F(CloudWatchApiTest, GetMetricDataAndListMetricsOverCbor) {
  auto& store = cloud_.region("eu-west-2").metrics;
  auto key = monitoring::MetricKey::make("App", "Hits", {{"Service", "web"}});
  ASSERT_TRUE(store.put_value(key, clock_.now() - std::chrono::minutes(1), 4));
  ASSERT_TRUE(store.put_value(key, clock_.now(), 6));
  auto r =
      cw_cbor("GetMetricData", {{"StartTime", epoch(clock_.now()) - 600},
                                {"EndTime", epoch(clock_.now()) + 600},
                                {"MetricDataQueries",
                                 {{{"Id", "m1"},
                                   {"MetricStat",
                                    {{"Metric",
                                      {{"Namespace", "App"},
                                       {"MetricName", "Hits"},
                                       {"Dimensions", {{{"Name", "Service"}, {"Value", "web"}}}}}},
                                     {"Period", 60},
                                     {"Stat", "Sum"}}}}}}});
  ASSERT_EQ(r.status, 200) << decoded(r).dump();
  auto result = decoded(r)["MetricDataResults"][0];
  EXPECT_EQ(result["Id"], "m1");
  EXPECT_EQ(result["Values"], json::array({6.0, 4.0}));  // newest first
  EXPECT_EQ(result["StatusCode"], "Complete");
  auto listed = decoded(cw_cbor("ListMetrics", {{"Namespace", "App"}}))["Metrics"];
  EXPECT_EQ(listed, json::parse(R"([{"Namespace": "App", "MetricName": "Hits",
                                     "Dimensions": [{"Name": "Service", "Value": "web"}]}])"));
}

TEST_F(CloudWatchApiTest, SetAlarmStateAndHistoryNewestFirst) {
  ASSERT_EQ(cw_cbor("PutMetricAlarm", alarm_input("a")).status, 200);
  clock_.advance(std::chrono::seconds(5));
  auto set = cw_cbor("SetAlarmState",
                     {{"AlarmName", "a"}, {"StateValue", "ALARM"}, {"StateReason", "test"}});
  EXPECT_EQ(set.status, 200);
  auto items = decoded(cw_cbor("DescribeAlarmHistory", {{"AlarmName", "a"}}))["AlarmHistoryItems"];
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0]["HistoryItemType"], "StateUpdate");
  EXPECT_EQ(items[1]["HistoryItemType"], "ConfigurationUpdate");
  auto only_config = decoded(cw_cbor(
      "DescribeAlarmHistory", {{"AlarmName", "a"}, {"HistoryItemType", "ConfigurationUpdate"}}));
  EXPECT_EQ(only_config["AlarmHistoryItems"].size(), 1u);
  auto alarm = decoded(cw_cbor("DescribeAlarms", {{"StateValue", "ALARM"}}))["MetricAlarms"];
  ASSERT_EQ(alarm.size(), 1u);
  EXPECT_EQ(alarm[0]["StateReason"], "test");
}

TEST_F(CloudWatchApiTest, ErrorsCarryTheQueryCodeInEveryProtocol) {
  auto c = cw_cbor("DeleteAlarms", {{"AlarmNames", {"missing"}}});
  EXPECT_EQ(c.status, 404);
  EXPECT_EQ(c.content_type, "application/cbor");
  EXPECT_EQ(decoded(c)["__type"], "ResourceNotFound");
  EXPECT_EQ(c.headers.at("x-amzn-query-error"), "ResourceNotFound;Sender");
  auto j = json_call("monitoring", std::string(kPrefix) + ".SetAlarmState",
                     {{"AlarmName", "missing"}, {"StateValue", "OK"}, {"StateReason", "x"}}, "1.0");
  EXPECT_EQ(j.status, 404);
  EXPECT_EQ(json::parse(j.body)["__type"], "ResourceNotFound");
  auto q = query("monitoring", "Action=PutMetricData&Namespace=AWS%2FEC2&"
                               "MetricData.member.1.MetricName=x&MetricData.member.1.Value=1");
  EXPECT_EQ(q.status, 400);
  EXPECT_NE(q.body.find("<Code>InvalidParameterValue</Code>"), std::string::npos) << q.body;
  auto missing = query("monitoring", "Action=GetMetricStatistics&Namespace=App&MetricName=x");
  EXPECT_NE(missing.body.find("<Code>MissingParameter</Code>"), std::string::npos);
  auto period = cw_cbor("GetMetricStatistics", {{"Namespace", "App"},
                                                {"MetricName", "x"},
                                                {"StartTime", 0},
                                                {"EndTime", 60},
                                                {"Period", 7},
                                                {"Statistics", {"Sum"}}});
  EXPECT_EQ(decoded(period)["__type"], "InvalidParameterValue");
}

TEST_F(CloudWatchApiTest, UnsupportedOperationsAndBadBodiesAnswerCleanly) {
  auto r = cw_cbor("ListDashboards", json::object());
  EXPECT_EQ(r.status, 501);
  EXPECT_EQ(decoded(r)["__type"], "NotImplemented");
  EXPECT_NE(decoded(r)["message"].get<std::string>().find("ListDashboards"), std::string::npos);
  auto q = query("monitoring", "Action=PutDashboard");
  EXPECT_NE(q.body.find("<Code>NotImplemented</Code>"), std::string::npos);
  net::HttpRequest bad;
  bad.method = "POST";
  bad.target = std::string("/service/") + kPrefix + "/operation/DescribeAlarms";
  bad.headers["authorization"] = scope("monitoring");
  bad.body = "\xa1\x61";
  auto out = handle_aws_request(cloud_, bad);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 400);
  EXPECT_EQ(decoded(*out)["__type"], "SerializationException");
}

TEST_F(CloudWatchApiTest, DescribeAlarmsPages) {
  for (int n = 0; n < 3; ++n) {
    ASSERT_EQ(cw_cbor("PutMetricAlarm", alarm_input("a" + std::to_string(n))).status, 200);
  }
  auto first = decoded(cw_cbor("DescribeAlarms", {{"MaxRecords", 2}}));
  EXPECT_EQ(first["MetricAlarms"].size(), 2u);
  ASSERT_TRUE(first.contains("NextToken"));
  auto second =
      decoded(cw_cbor("DescribeAlarms", {{"MaxRecords", 2}, {"NextToken", first["NextToken"]}}));
  ASSERT_EQ(second["MetricAlarms"].size(), 1u);
  EXPECT_EQ(second["MetricAlarms"][0]["AlarmName"], "a2");
  EXPECT_FALSE(second.contains("NextToken"));
  auto bad = cw_cbor("DescribeAlarms", {{"NextToken", "zz"}});
  EXPECT_EQ(decoded(bad)["__type"], "InvalidNextToken");
}

}  // namespace
}  // namespace faultbox::api
