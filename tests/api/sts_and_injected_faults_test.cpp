// STS role sessions (AssumeRole, GetCallerIdentity with the session's keys) and the API faults
// experiments inject: EC2 calls a faulted role makes get EC2's error, other callers their answer.
#include "api/services/all_services.h"
#include "api_fixture.h"
#include "cloud/api_faults/api_faults.h"
#include "cloud/iam/iam_directory.h"

namespace faultbox::api {
namespace {

constexpr const char* kTrustsAccount =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)"
    R"("Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]})";
constexpr const char* kTrustsFis =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)"
    R"("Principal":{"Service":"fis.amazonaws.com"},"Action":"sts:AssumeRole"}]})";
constexpr const char* kRoleArn = "arn:aws:iam::123456789012:role/ops";

std::string between(const std::string& text, const std::string& open, const std::string& close) {
  auto start = text.find(open);
  if (start == std::string::npos) return "";
  start += open.size();
  return text.substr(start, text.find(close, start) - start);
}

class StsAndFaultsTest : public ApiTest {
 protected:
  StsAndFaultsTest() {
    auto& iam = cloud_.kind<cloud::IamDirectory>().directory();
    iam.put_role({.name = "ops", .trust_policy = kTrustsAccount}, clock_.now());
    iam.put_role({.name = "fis-only", .trust_policy = kTrustsFis}, clock_.now());
  }

  // A query call signed with `access_key`.
  net::HttpResponse signed_query(const std::string& access_key, const std::string& service,
                                 const std::string& form) {
    net::HttpRequest r;
    r.method = "POST";
    r.target = "/";
    r.headers["authorization"] = "AWS4-HMAC-SHA256 Credential=" + access_key +
                                 "/20260101/eu-west-2/" + service +
                                 "/aws4_request, SignedHeaders=host, Signature=abc";
    r.headers["content-type"] = "application/x-www-form-urlencoded; charset=utf-8";
    r.body = form;
    return *handle_aws_request(cloud_, r);
  }

  std::string assume(const std::string& role_arn) {
    auto r = query("sts", "Action=AssumeRole&Version=2011-06-15&RoleArn=" + role_arn +
                              "&RoleSessionName=chaos-test");
    EXPECT_EQ(r.status, 200) << r.body;
    return between(r.body, "<AccessKeyId>", "</AccessKeyId>");
  }

  void throttle_describe(int percentage) {
    cloud_.kind<cloud::ApiFaults>().add("eu-west-2", "EXP1/throttle",
                                        {.error_code = "RequestLimitExceeded",
                                         .role_arns = {kRoleArn},
                                         .service = "ec2",
                                         .operations = {"DescribeInstances"},
                                         .percentage = percentage});
  }
};

TEST_F(StsAndFaultsTest, AssumeRoleGivesKeysThatCallAsTheRole) {
  auto r = query("sts", "Action=AssumeRole&Version=2011-06-15&RoleArn=" + std::string(kRoleArn) +
                            "&RoleSessionName=chaos-test&DurationSeconds=900");
  ASSERT_EQ(r.status, 200) << r.body;
  auto key = between(r.body, "<AccessKeyId>", "</AccessKeyId>");
  EXPECT_EQ(key.rfind("ASIA", 0), 0u);
  EXPECT_EQ(key.size(), 20u);
  EXPECT_NE(r.body.find("<Arn>arn:aws:sts::123456789012:assumed-role/ops/chaos-test</Arn>"),
            std::string::npos);
  EXPECT_NE(r.body.find("<SessionToken>"), std::string::npos);
  auto who = signed_query(key, "sts", "Action=GetCallerIdentity&Version=2011-06-15");
  EXPECT_NE(who.body.find("<Arn>arn:aws:sts::123456789012:assumed-role/ops/chaos-test</Arn>"),
            std::string::npos)
      << who.body;
  EXPECT_NE(who.body.find("<UserId>AROA"), std::string::npos);
  auto root = query("sts", "Action=GetCallerIdentity&Version=2011-06-15");
  EXPECT_NE(root.body.find("<Arn>arn:aws:iam::123456789012:root</Arn>"), std::string::npos);
}

TEST_F(StsAndFaultsTest, AssumeRoleRefusesWhatTheTrustPolicyDoesNotAllow) {
  auto r =
      query("sts", "Action=AssumeRole&Version=2011-06-15&RoleArn=arn:aws:iam::123456789012:role/"
                   "fis-only&RoleSessionName=chaos");
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.body.find("<Code>AccessDenied</Code>"), std::string::npos) << r.body;
  auto missing =
      query("sts", "Action=AssumeRole&Version=2011-06-15&RoleArn=arn:aws:iam::123456789012:"
                   "role/none&RoleSessionName=chaos");
  EXPECT_EQ(missing.status, 403);
  auto bad_name =
      query("sts", "Action=AssumeRole&Version=2011-06-15&RoleArn=" + std::string(kRoleArn) +
                       "&RoleSessionName=a%20b");
  EXPECT_EQ(bad_name.status, 400);
  auto too_long =
      query("sts", "Action=AssumeRole&Version=2011-06-15&RoleArn=" + std::string(kRoleArn) +
                       "&RoleSessionName=ok&DurationSeconds=7200");
  EXPECT_EQ(too_long.status, 400);
}

TEST_F(StsAndFaultsTest, AThrottledRoleGetsRequestLimitExceededAndOthersTheirAnswer) {
  launch("eu-west-2a");
  auto key = assume(kRoleArn);
  throttle_describe(100);
  auto throttled = signed_query(key, "ec2", "Action=DescribeInstances&Version=2016-11-15");
  EXPECT_EQ(throttled.status, 503);
  EXPECT_NE(throttled.body.find("<Code>RequestLimitExceeded</Code>"), std::string::npos)
      << throttled.body;
  EXPECT_NE(throttled.body.find("Request limit exceeded."), std::string::npos);
  // Another operation, the account's root, another region: unaffected.
  EXPECT_EQ(signed_query(key, "ec2", "Action=DescribeAvailabilityZones&Version=2016-11-15").status,
            200);
  EXPECT_EQ(query("ec2", "Action=DescribeInstances&Version=2016-11-15").status, 200);
  EXPECT_EQ(query("ec2", "Action=DescribeInstances&Version=2016-11-15", "us-east-1").status, 200);
  cloud_.kind<cloud::ApiFaults>().remove("EXP1/throttle");
  EXPECT_EQ(signed_query(key, "ec2", "Action=DescribeInstances&Version=2016-11-15").status, 200);
}

TEST_F(StsAndFaultsTest, APercentageFaultsThatShareOfTheCalls) {
  auto key = assume(kRoleArn);
  throttle_describe(50);
  int refused = 0;
  for (int i = 0; i < 10; ++i) {
    refused +=
        signed_query(key, "ec2", "Action=DescribeInstances&Version=2016-11-15").status == 503;
  }
  EXPECT_EQ(refused, 5);
}

TEST_F(StsAndFaultsTest, StartInstancesInAZoneWithoutCapacityFails) {
  auto in_a = launch("eu-west-2a");
  auto in_b = launch("eu-west-2b");
  run_for(std::chrono::seconds(12));
  ASSERT_TRUE(cloud_.instances().stop(in_a));
  ASSERT_TRUE(cloud_.instances().stop(in_b));
  run_for(std::chrono::seconds(5));
  auto key = assume(kRoleArn);
  cloud_.kind<cloud::ApiFaults>().add("eu-west-2", "EXP1/ice",
                                      {.error_code = "InsufficientInstanceCapacity",
                                       .role_arns = {kRoleArn},
                                       .service = "ec2",
                                       .operations = {"RunInstances", "StartInstances"},
                                       .zones = {"euw2-az1"},
                                       .percentage = 100});
  auto refused =
      signed_query(key, "ec2", "Action=StartInstances&Version=2016-11-15&InstanceId.1=" + in_a);
  EXPECT_EQ(refused.status, 500);
  EXPECT_NE(refused.body.find("<Code>InsufficientInstanceCapacity</Code>"), std::string::npos)
      << refused.body;
  EXPECT_NE(refused.body.find("Availability Zone you requested (eu-west-2a)"), std::string::npos);
  EXPECT_EQ(
      signed_query(key, "ec2", "Action=StartInstances&Version=2016-11-15&InstanceId.1=" + in_b)
          .status,
      200);
}

}  // namespace
}  // namespace faultbox::api
