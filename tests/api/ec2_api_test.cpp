// EC2 through the gateway: DescribeInstances with filters, regions and pages; state changes;
// tags; availability zones; errors in EC2's envelope.
#include "api_fixture.h"
#include "core/base64.h"

namespace faultbox::api {
namespace {

class Ec2ApiTest : public ApiTest {};

TEST_F(Ec2ApiTest, DescribeInstancesFiltersByTagAndListsReservations) {
  auto a = launch("eu-west-2a", {{"Panda", "funky"}});
  auto b = launch("eu-west-2b", {{"Panda", "funky"}});
  auto c = launch("eu-west-2c", {{"Panda", "grumpy"}});
  run_for(std::chrono::seconds(15));
  auto r = query("ec2", "Action=DescribeInstances&Version=2016-11-15&Filter.1.Name=tag%3APanda&"
                        "Filter.1.Value.1=funky");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/xml");
  EXPECT_NE(r.body.find("<DescribeInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/"
                        "2016-11-15/\"><requestId>"),
            std::string::npos);
  EXPECT_EQ(count_of(r.body, "<reservationId>"), 2);
  EXPECT_NE(r.body.find("<instanceId>" + a + "</instanceId>"), std::string::npos);
  EXPECT_NE(r.body.find("<instanceId>" + b + "</instanceId>"), std::string::npos);
  EXPECT_EQ(r.body.find(c), std::string::npos);
  EXPECT_NE(r.body.find("<instanceState><code>16</code><name>running</name></instanceState>"),
            std::string::npos);
  EXPECT_NE(r.body.find("<ownerId>123456789012</ownerId>"), std::string::npos);
  EXPECT_EQ(r.headers.at("x-amzn-RequestId").size(), 36u);
}

TEST_F(Ec2ApiTest, GetConsoleOutputIsTheConsoleLogInBase64) {
  auto id = launch("eu-west-2a");
  run_for(std::chrono::seconds(15));
  auto r = query("ec2", "Action=GetConsoleOutput&InstanceId=" + id);
  EXPECT_EQ(r.status, 200) << r.body;
  auto at = r.body.find("<output>");
  ASSERT_NE(at, std::string::npos) << r.body;
  auto text = base64_decode(r.body.substr(at + 8, r.body.find("</output>") - at - 8));
  ASSERT_TRUE(text);
  EXPECT_NE(text->find("booting " + id), std::string::npos) << *text;
  auto missing = query("ec2", "Action=GetConsoleOutput&InstanceId=i-0123456789abcdef0");
  EXPECT_EQ(missing.status, 400);
  EXPECT_NE(missing.body.find("InvalidInstanceID.NotFound"), std::string::npos);
  EXPECT_NE(query("ec2", "Action=GetConsoleOutput").body.find("MissingParameter"),
            std::string::npos);
}

TEST_F(Ec2ApiTest, InstancesOfOtherRegionsAreNotListed) {
  launch("eu-west-2a");
  launch("us-east-1a");
  auto r = query("ec2", "Action=DescribeInstances", "us-east-1");
  EXPECT_EQ(count_of(r.body, "<reservationId>"), 1);
  EXPECT_NE(r.body.find("us-east-1a"), std::string::npos);
}

TEST_F(Ec2ApiTest, PagesWithMaxResultsAndNextToken) {
  for (int n = 0; n < 7; ++n) {
    launch("eu-west-2a");
  }
  auto first = query("ec2", "Action=DescribeInstances&MaxResults=5");
  EXPECT_EQ(count_of(first.body, "<reservationId>"), 5);
  auto at = first.body.find("<nextToken>");
  ASSERT_NE(at, std::string::npos);
  auto token = first.body.substr(at + 11, first.body.find("</nextToken>") - at - 11);
  auto second = query("ec2", "Action=DescribeInstances&MaxResults=5&NextToken=" + token);
  EXPECT_EQ(count_of(second.body, "<reservationId>"), 2);
  EXPECT_EQ(second.body.find("<nextToken>"), std::string::npos);
  EXPECT_EQ(first.body.find(token + "</instanceId>"), std::string::npos);  // not repeated
}

TEST_F(Ec2ApiTest, StopAndStartReportPreviousAndCurrentStates) {
  auto id = launch("eu-west-2a");
  run_for(std::chrono::seconds(15));
  auto stop = query("ec2", "Action=StopInstances&InstanceId.1=" + id);
  EXPECT_EQ(stop.status, 200);
  EXPECT_NE(stop.body.find("<currentState><code>64</code><name>stopping</name></currentState>"
                           "<previousState><code>16</code><name>running</name></previousState>"),
            std::string::npos)
      << stop.body;
  run_for(std::chrono::seconds(10));
  EXPECT_EQ(cloud_.instances().find(id)->state, compute::InstanceState::Stopped);
  auto start = query("ec2", "Action=StartInstances&InstanceId.1=" + id);
  EXPECT_NE(start.body.find("<currentState><code>0</code><name>pending</name></currentState>"
                            "<previousState><code>80</code><name>stopped</name>"),
            std::string::npos)
      << start.body;
}

TEST_F(Ec2ApiTest, UnknownInstanceIdsFailTheWholeRequestInEc2sEnvelope) {
  auto id = launch("eu-west-2a");
  auto r =
      query("ec2", "Action=StopInstances&InstanceId.1=" + id + "&InstanceId.2=i-00000000000000000");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code>"),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("<RequestID>"), std::string::npos);
  EXPECT_EQ(cloud_.instances().find(id)->state, compute::InstanceState::Pending);
  auto missing = query("ec2", "Action=TerminateInstances");
  EXPECT_NE(missing.body.find("<Code>MissingParameter</Code>"), std::string::npos);
}

TEST_F(Ec2ApiTest, CreateDescribeAndDeleteTags) {
  auto id = launch("eu-west-2a", {{"Panda", "funky"}});
  auto created = query("ec2", "Action=CreateTags&ResourceId.1=" + id +
                                  "&Tag.1.Key=Owner&Tag.1.Value=a%3Cb%26c");
  EXPECT_NE(created.body.find("<return>true</return>"), std::string::npos);
  EXPECT_EQ(cloud_.instances().find(id)->tags.at("Owner"), "a<b&c");
  auto described = query("ec2", "Action=DescribeTags&Filter.1.Name=key&Filter.1.Value.1=Own*");
  EXPECT_EQ(count_of(described.body, "<item>"), 1);
  EXPECT_NE(described.body.find("<value>a&lt;b&amp;c</value>"), std::string::npos);
  // A value that does not match keeps the tag; a bare key deletes it.
  query("ec2", "Action=DeleteTags&ResourceId.1=" + id + "&Tag.1.Key=Owner&Tag.1.Value=other");
  EXPECT_EQ(cloud_.instances().find(id)->tags.count("Owner"), 1u);
  query("ec2", "Action=DeleteTags&ResourceId.1=" + id + "&Tag.1.Key=Owner");
  EXPECT_EQ(cloud_.instances().find(id)->tags.count("Owner"), 0u);
  auto reserved = query("ec2", "Action=CreateTags&ResourceId.1=" + id + "&Tag.1.Key=aws%3Ax");
  EXPECT_NE(reserved.body.find("<Code>InvalidParameterValue</Code>"), std::string::npos);
}

TEST_F(Ec2ApiTest, StatusOnlyForRunningInstancesUnlessAllAreAsked) {
  auto running = launch("eu-west-2a");
  run_for(std::chrono::seconds(15));
  auto pending = launch("eu-west-2b");
  auto r = query("ec2", "Action=DescribeInstanceStatus");
  EXPECT_NE(r.body.find(running), std::string::npos);
  EXPECT_EQ(r.body.find(pending), std::string::npos);
  EXPECT_NE(r.body.find("<instanceStatus><status>ok</status><details><item><name>reachability"
                        "</name><status>passed</status>"),
            std::string::npos)
      << r.body;
  auto all = query("ec2", "Action=DescribeInstanceStatus&IncludeAllInstances=true");
  EXPECT_NE(all.body.find(pending), std::string::npos);
}

TEST_F(Ec2ApiTest, AvailabilityZonesOfTheRequestRegion) {
  auto r = query("ec2", "Action=DescribeAvailabilityZones", "us-east-1");
  EXPECT_EQ(count_of(r.body, "<zoneName>"), 3);
  EXPECT_NE(r.body.find("<zoneName>us-east-1b</zoneName>"), std::string::npos);
  EXPECT_NE(r.body.find("<zoneId>use1-az2</zoneId>"), std::string::npos);
  auto one = query("ec2", "Action=DescribeAvailabilityZones&ZoneName.1=eu-west-2c");
  EXPECT_EQ(count_of(one.body, "<zoneName>"), 1);
  EXPECT_NE(one.body.find("<zoneId>euw2-az3</zoneId>"), std::string::npos);
}

TEST_F(Ec2ApiTest, UnsupportedActionsAnswerNotImplementedByName) {
  auto r = query("ec2", "Action=RunInstances&ImageId=ami-1");
  EXPECT_EQ(r.status, 501);
  EXPECT_NE(r.body.find("<Code>NotImplemented</Code>"), std::string::npos);
  EXPECT_NE(r.body.find("RunInstances"), std::string::npos);
}

TEST_F(Ec2ApiTest, StsNamesTheLabsAccount) {
  auto r = query("sts", "Action=GetCallerIdentity&Version=2011-06-15", "us-east-1");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/"
                        "2011-06-15/\"><GetCallerIdentityResult>"),
            std::string::npos);
  EXPECT_NE(r.body.find("<Account>123456789012</Account>"), std::string::npos);
  EXPECT_NE(r.body.find("<Arn>arn:aws:iam::123456789012:root</Arn>"), std::string::npos);
  EXPECT_NE(r.body.find("<ResponseMetadata><RequestId>"), std::string::npos);
  auto other = query("sts", "Action=GetSessionToken");
  EXPECT_EQ(other.status, 501);
  EXPECT_NE(other.body.find("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                            "<Error><Type>Receiver</Type><Code>NotImplemented</Code>"),
            std::string::npos)
      << other.body;
}

}  // namespace
}  // namespace faultbox::api
