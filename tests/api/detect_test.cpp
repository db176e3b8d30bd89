// Which service a request is for: credential scope, X-Amz-Target, Action (+Version), path.
#include "api/detect.h"

#include <gtest/gtest.h>

#include "api/gateway.h"

namespace faultbox::api {
namespace {

std::optional<Detection> detect(const net::HttpRequest& r) {
  return detect_service(all_services(), r, request_params(r));
}

net::HttpRequest signed_for(const std::string& service, const std::string& region) {
  net::HttpRequest r;
  r.method = "POST";
  r.target = "/";
  r.headers["authorization"] = "AWS4-HMAC-SHA256 Credential=AKID/20260101/" + region + "/" +
                               service + "/aws4_request, SignedHeaders=host, Signature=00";
  return r;
}

TEST(CredentialScope, ParsesTheAuthorizationHeaderAndBareCredentials) {
  auto s = parse_credential_scope(
      "AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-west-2/fis/aws4_request, "
      "SignedHeaders=host;x-amz-date, Signature=abc");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->access_key, "AKID");
  EXPECT_EQ(s->date, "20260101");
  EXPECT_EQ(s->region, "eu-west-2");
  EXPECT_EQ(s->service, "fis");
  auto bare = parse_credential_scope("AKID/20260101/us-east-1/monitoring/aws4_request");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->service, "monitoring");
}

TEST(CredentialScope, RejectsMalformedScopes) {
  EXPECT_FALSE(parse_credential_scope("AWS4-HMAC-SHA256 Credential=AKID/2026/eu-west-2/fis"));
  EXPECT_FALSE(parse_credential_scope("AWS4-HMAC-SHA256 Credential=AKID/20260101/eu/fis/x"));
  EXPECT_FALSE(parse_credential_scope("Bearer abc"));
}

TEST(Detect, TheScopeNamesServiceAndRegionWhateverTheSigningNameLooksLike) {
  auto d = detect(signed_for("fis", "eu-west-2"));
  ASSERT_TRUE(d && d->service);
  EXPECT_EQ(d->service->info().id, "fis");
  EXPECT_EQ(d->region, "eu-west-2");
  EXPECT_EQ(d->access_key, "AKID");
  // Signing names differ from botocore's service names for some services.
  for (auto [signing, id] :
       std::vector<std::pair<std::string, std::string>>{{"monitoring", "cloudwatch"},
                                                        {"elasticloadbalancing", "elb"},
                                                        {"autoscaling", "autoscaling"},
                                                        {"iam", "iam"},
                                                        {"sts", "sts"},
                                                        {"ec2", "ec2"},
                                                        {"logs", "logs"},
                                                        {"s3", "s3"}}) {
    auto found = detect(signed_for(signing, "us-east-1"));
    ASSERT_TRUE(found && found->service) << signing;
    EXPECT_EQ(found->service->info().id, id);
  }
}

TEST(Detect, AnUnknownScopeServiceIsStillAnAwsCall) {
  auto d = detect(signed_for("kinesis", "eu-west-2"));
  ASSERT_TRUE(d);
  EXPECT_EQ(d->service, nullptr);
  EXPECT_EQ(d->service_name, "kinesis");
}

TEST(Detect, FallsBackOnTargetThenActionThenPath) {
  net::HttpRequest target;
  target.method = "POST";
  target.target = "/";
  target.headers["x-amz-target"] = "Logs_20140328.DescribeLogGroups";
  auto d = detect(target);
  ASSERT_TRUE(d && d->service);
  EXPECT_EQ(d->service->info().id, "logs");
  EXPECT_EQ(d->how, "X-Amz-Target");
  EXPECT_TRUE(d->region.empty());  // the lab's default region applies

  net::HttpRequest action;
  action.method = "GET";
  action.target = "/?Action=DescribeInstances&Version=2016-11-15";
  d = detect(action);
  ASSERT_TRUE(d && d->service);
  EXPECT_EQ(d->service->info().id, "ec2");

  // DescribeTags is EC2's, Auto Scaling's and ELB's: Version decides.
  action.target = "/?Action=DescribeTags&Version=2011-01-01";
  d = detect(action);
  ASSERT_TRUE(d && d->service);
  EXPECT_EQ(d->service->info().id, "autoscaling");
  action.target = "/?Action=GetCallerIdentity";
  d = detect(action);
  ASSERT_TRUE(d && d->service);
  EXPECT_EQ(d->service->info().id, "sts");

  net::HttpRequest rpc;
  rpc.method = "POST";
  rpc.target = "/service/GraniteServiceVersion20100801/operation/DescribeAlarms";
  d = detect(rpc);
  ASSERT_TRUE(d && d->service);
  EXPECT_EQ(d->service->info().id, "cloudwatch");

  net::HttpRequest path;
  path.method = "GET";
  path.target = "/experimentTemplates/EXT1?x=1";
  d = detect(path);
  ASSERT_TRUE(d && d->service);
  EXPECT_EQ(d->service->info().id, "fis");
  EXPECT_EQ(d->how, "path");
}

TEST(Detect, LeavesTheLabsOwnRequestsAlone) {
  for (const char* target :
       {"/_faultbox/health", "/_faultbox/templates", "/_imds/i-1/latest", "/", "/favicon.ico"}) {
    net::HttpRequest r;
    r.method = "GET";
    r.target = target;
    EXPECT_FALSE(detect(r)) << target;
  }
}

}  // namespace
}  // namespace faultbox::api
