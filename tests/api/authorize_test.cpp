// Who may make a call (serve --auth, after the signature): the root everything; an IAM user or a
// role session what their own policies allow on the call's resources, with the resources' tags;
// the denial in the service's own error shape.
#include "api/authorize.h"

#include "api/services/all_services.h"
#include "api_fixture.h"
#include "cloud/groups/groups.h"
#include "cloud/iam/iam_directory.h"
#include "cloud/launch_templates/launch_templates.h"
#include "cloud/sts/sessions.h"

namespace faultbox::api {
namespace {

using nlohmann::json;

constexpr const char* kOwnInstances = R"({"Statement": [
  {"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"},
  {"Effect": "Allow", "Action": "ec2:StopInstances", "Resource": "arn:aws:ec2:*:*:instance/*",
   "Condition": {"StringEquals": {"aws:ResourceTag/Panda": "${aws:username}"}}},
  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::${aws:username}/*"}]})";

class AuthorizeTest : public ApiTest {
 protected:
  iam::Directory& directory() { return cloud_.kind<cloud::IamDirectory>().directory(); }
  std::string user_key(const std::string& name) {
    auto& users = directory().users();
    EXPECT_TRUE(users.create(iam::User{.name = name}, clock_.now()));
    EXPECT_TRUE(users.put_policy(name, "own", kOwnInstances));
    return (*users.create_key(name, clock_.now()))->id;
  }
  std::optional<Error> query_as(const std::string& key, const Service& service,
                                const std::string& form) {
    net::HttpRequest r;
    r.method = "POST";
    r.target = "/";
    r.body = form;
    auto params = parse_params(form);
    Call call{cloud_, r, params, "eu-west-2", "req", key};
    return unauthorized(call, service);
  }
  std::optional<Error> rest_as(const std::string& key, const Service& service,
                               const std::string& method, const std::string& target) {
    net::HttpRequest r;
    r.method = method;
    r.target = target;
    Params params;
    Call call{cloud_, r, params, "eu-west-2", "req", key};
    return unauthorized(call, service);
  }
};

TEST_F(AuthorizeTest, AUserStopsOnlyInstancesTaggedWithTheirName) {
  auto alice = user_key("alice");
  auto mine = launch("eu-west-2a", {{"Panda", "alice"}});
  auto theirs = launch("eu-west-2b", {{"Panda", "bob"}});
  EXPECT_FALSE(query_as(alice, ec2_api(), "Action=StopInstances&InstanceId.1=" + mine));
  auto denied = query_as(alice, ec2_api(), "Action=StopInstances&InstanceId.1=" + theirs);
  ASSERT_TRUE(denied);
  EXPECT_EQ(denied->code, "UnauthorizedOperation");
  EXPECT_NE(denied->message.find("user/alice"), std::string::npos);
  EXPECT_NE(denied->message.find("instance/" + theirs), std::string::npos);
  // Both at once: one resource not allowed refuses the call.
  EXPECT_TRUE(query_as(alice, ec2_api(),
                       "Action=StopInstances&InstanceId.1=" + mine + "&InstanceId.2=" + theirs));
  EXPECT_FALSE(query_as(alice, ec2_api(), "Action=DescribeInstances"));
  EXPECT_TRUE(query_as(alice, ec2_api(), "Action=TerminateInstances&InstanceId.1=" + mine));
}

TEST_F(AuthorizeTest, TheRootMayAllAndOtherServicesAnswerInTheirShape) {
  auto alice = user_key("alice");
  EXPECT_FALSE(query_as("AKIDROOT", ec2_api(), "Action=TerminateInstances&InstanceId.1=i-1"));
  auto fis = rest_as(alice, fis_api(), "GET", "/experimentTemplates");
  ASSERT_TRUE(fis);
  EXPECT_EQ(fis->code, "AccessDeniedException");
  EXPECT_NE(fis->message.find("fis:ListExperimentTemplates on resource: *"), std::string::npos);
  auto iam = query_as(alice, iam_api(), "Action=CreateUser&UserName=x&Version=2010-05-08");
  ASSERT_TRUE(iam);
  EXPECT_EQ(iam->code, "AccessDenied");
  // S3 by IAM's action names and object ARNs; Lambda's Invoke is lambda:InvokeFunction.
  EXPECT_FALSE(rest_as(alice, s3_api(), "GET", "/alice/report.txt"));
  EXPECT_TRUE(rest_as(alice, s3_api(), "GET", "/bob/report.txt"));
  EXPECT_TRUE(rest_as(alice, s3_api(), "PUT", "/alice/report.txt"));
  auto invoke = rest_as(alice, lambda_api(), "POST", "/2015-03-31/functions/fn/invocations");
  ASSERT_TRUE(invoke);
  EXPECT_NE(invoke->message.find("lambda:InvokeFunction on resource: "
                                 "arn:aws:lambda:eu-west-2:123456789012:function:fn"),
            std::string::npos);
  EXPECT_FALSE(query_as(alice, sts_api(), "Action=GetCallerIdentity&Version=2011-06-15"));
}

TEST_F(AuthorizeTest, GroupsByTheirTagsAndLoadBalancersByName) {
  auto alice = user_key("alice");
  auto& directory_users = directory().users();
  ASSERT_TRUE(directory_users.put_policy("alice", "groups", R"({"Statement": [
    {"Effect": "Allow", "Action": "autoscaling:SetDesiredCapacity", "Resource": "*",
     "Condition": {"StringEquals": {"aws:ResourceTag/Panda": "${aws:username}"}}},
    {"Effect": "Allow", "Action": "elasticloadbalancing:*",
     "Resource": "arn:aws:elasticloadbalancing:*:*:loadbalancer/alice-*"}]})"));
  cloud::LaunchTemplate lt;
  lt.name = "web-lt";
  lt.region = "eu-west-2";
  ASSERT_TRUE(cloud_.kind<cloud::LaunchTemplates>().put(lt));
  compute::AutoScalingGroupSpec spec;
  spec.min_size = 0;
  spec.max_size = 2;
  spec.availability_zones = {"eu-west-2a"};
  spec.launch_template.name = "web-lt";
  spec.name = "alice-asg";
  spec.tags = {{"Panda", "alice", true}};
  ASSERT_TRUE(cloud_.kind<cloud::Groups>().put(spec, "eu-west-2"));
  spec.name = "bob-asg";
  spec.tags = {{"Panda", "bob", true}};
  ASSERT_TRUE(cloud_.kind<cloud::Groups>().put(spec, "eu-west-2"));
  const std::string set = "Action=SetDesiredCapacity&Version=2011-01-01&DesiredCapacity=1&";
  EXPECT_FALSE(query_as(alice, autoscaling_api(), set + "AutoScalingGroupName=alice-asg"));
  auto denied = query_as(alice, autoscaling_api(), set + "AutoScalingGroupName=bob-asg");
  ASSERT_TRUE(denied);
  EXPECT_NE(denied->message.find("autoScalingGroupName/bob-asg"), std::string::npos);
  EXPECT_TRUE(query_as(alice, autoscaling_api(), set + "AutoScalingGroupName=nobody-asg"));
  const std::string health = "Action=DescribeInstanceHealth&Version=2012-06-01&LoadBalancerName=";
  EXPECT_FALSE(query_as(alice, elb_api(), health + "alice-elb"));
  EXPECT_TRUE(query_as(alice, elb_api(), health + "bob-elb"));
}

TEST_F(AuthorizeTest, HandingARoleToFisNeedsPassRole) {
  auto alice = user_key("alice");
  ASSERT_TRUE(directory().users().put_policy("alice", "fis", R"({"Statement": [
    {"Effect": "Allow", "Action": "fis:CreateExperimentTemplate", "Resource": "*"},
    {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::*:role/alice-*"}]})"));
  auto create = [&](const std::string& role) {
    net::HttpRequest r;
    r.method = "POST";
    r.target = "/experimentTemplates";
    r.body = R"({"roleArn": ")" + role + R"(", "description": "d"})";
    Params params;
    Call call{cloud_, r, params, "eu-west-2", "req", alice};
    return unauthorized(call, fis_api());
  };
  EXPECT_FALSE(create("arn:aws:iam::123456789012:role/alice-fis"));
  auto denied = create("arn:aws:iam::123456789012:role/host-admin");
  ASSERT_TRUE(denied);
  EXPECT_NE(denied->message.find("iam:PassRole on resource: "
                                 "arn:aws:iam::123456789012:role/host-admin"),
            std::string::npos);
}

TEST_F(AuthorizeTest, ARoleSessionHasItsRolesPolicies) {
  iam::Role role{.name = "participant",
                 .trust_policy = R"({"Statement": [{"Effect": "Allow", "Principal": {"AWS":
                   "arn:aws:iam::123456789012:root"}, "Action": "sts:AssumeRole"}]})"};
  ASSERT_TRUE(directory().create_role(role, clock_.now()));
  ASSERT_TRUE(directory().put_role_policy(
      "participant", "read",
      R"({"Statement": [{"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"}]})"));
  auto session = cloud_.kind<cloud::Sessions>().assume_role(
      "arn:aws:iam::123456789012:role/participant", "p1", 900, false);
  ASSERT_TRUE(session) << session.error().message;
  const auto key = (*session)->access_key;
  EXPECT_FALSE(query_as(key, ec2_api(), "Action=DescribeInstances"));
  auto denied = query_as(key, ec2_api(), "Action=StopInstances&InstanceId.1=i-1");
  ASSERT_TRUE(denied);
  EXPECT_NE(denied->message.find("assumed-role/participant/p1"), std::string::npos);
}

}  // namespace
}  // namespace faultbox::api
