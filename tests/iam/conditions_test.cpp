// Policy conditions and variables as a workshop host writes them: a participant may act on the
// resources tagged with their own name and read everything; what the lab cannot know fails
// closed.
#include "iam/conditions.h"

#include <gtest/gtest.h>

#include "iam/policy_evaluator.h"

namespace faultbox::iam {
namespace {

using nlohmann::json;

// The host's policy: describe anything; stop, start and reboot only instances tagged
// Panda=<your user name>; never terminate.
const json kParticipant = json::parse(R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": ["ec2:Describe*", "fis:List*", "fis:Get*"], "Resource": "*"},
    {"Effect": "Allow", "Action": ["ec2:StopInstances", "ec2:StartInstances", "ec2:RebootInstances"],
     "Resource": "arn:aws:ec2:*:*:instance/*",
     "Condition": {"StringEquals": {"aws:ResourceTag/Panda": "${aws:username}"}}},
    {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::${aws:username}-*"},
    {"Effect": "Deny", "Action": "ec2:TerminateInstances", "Resource": "*"}
  ]})");

RequestContext participant(const std::string& user) {
  RequestContext ctx;
  ctx.set("aws:username", user);
  ctx.set("aws:RequestedRegion", "eu-west-2");
  return ctx;
}

RequestContext on_instance_tagged(const std::string& user, std::optional<std::string> panda) {
  auto ctx = participant(user);
  ctx.know_prefix("aws:ResourceTag/");
  if (panda) {
    ctx.set("aws:ResourceTag/Panda", *panda);
  }
  return ctx;
}

constexpr const char* kInstance = "arn:aws:ec2:eu-west-2:000000000000:instance/i-0abc";

TEST(Conditions, AParticipantActsOnTheirOwnTaggedInstancesOnly) {
  const std::vector<json> p = {kParticipant};
  EXPECT_TRUE(is_allowed(p, "ec2:StopInstances", kInstance, on_instance_tagged("alice", "alice")));
  EXPECT_FALSE(is_allowed(p, "ec2:StopInstances", kInstance, on_instance_tagged("alice", "bob")));
  EXPECT_FALSE(is_allowed(p, "ec2:StopInstances", kInstance, on_instance_tagged("alice", {})));
  EXPECT_TRUE(is_allowed(p, "ec2:DescribeInstances", "*", participant("alice")));
  EXPECT_FALSE(
      is_allowed(p, "ec2:TerminateInstances", kInstance, on_instance_tagged("alice", "alice")));
  EXPECT_FALSE(is_allowed(p, "fis:StartExperiment", "*", participant("alice")));
}

TEST(Conditions, TagsTheLabCannotKnowFailClosed) {
  const std::vector<json> p = {kParticipant};
  // The resource's tags were not looked up: the tag condition is unknown, so no grant.
  EXPECT_FALSE(is_allowed(p, "ec2:StopInstances", kInstance, participant("alice")));
  // A conditional Deny on an unknown key still denies.
  const json deny = json::parse(R"({"Statement": [
    {"Effect": "Allow", "Action": "*", "Resource": "*"},
    {"Effect": "Deny", "Action": "*", "Resource": "*",
     "Condition": {"StringNotEquals": {"aws:SourceVpc": "vpc-1"}}}]})");
  EXPECT_FALSE(is_allowed({deny}, "ec2:DescribeInstances", "*", participant("alice")));
  // Known and not met: the Deny does not apply.
  const json deny_region = json::parse(R"({"Statement": [
    {"Effect": "Allow", "Action": "*", "Resource": "*"},
    {"Effect": "Deny", "Action": "*", "Resource": "*",
     "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-2", "eu-west-1"]}}}]})");
  EXPECT_TRUE(is_allowed({deny_region}, "ec2:DescribeInstances", "*", participant("alice")));
  auto elsewhere = participant("alice");
  elsewhere.set("aws:RequestedRegion", "us-east-1");
  EXPECT_FALSE(is_allowed({deny_region}, "ec2:DescribeInstances", "*", elsewhere));
}

TEST(Conditions, VariablesInResourcesAndTheOperators) {
  const std::vector<json> p = {kParticipant};
  EXPECT_TRUE(is_allowed(p, "s3:PutObject", "arn:aws:s3:::alice-bucket", participant("alice")));
  EXPECT_FALSE(is_allowed(p, "s3:PutObject", "arn:aws:s3:::bob-bucket", participant("alice")));
  RequestContext no_user;  // a role session has no aws:username: the pattern matches nothing
  EXPECT_FALSE(is_allowed(p, "s3:PutObject", "arn:aws:s3:::alice-bucket", no_user));

  auto ctx = on_instance_tagged("alice", "alice-2");
  auto check = [&ctx](const char* condition) {
    return evaluate_conditions(json::parse(condition), ctx);
  };
  using R = ConditionResult;
  EXPECT_EQ(check(R"({"StringLike": {"aws:ResourceTag/Panda": "${aws:username}-*"}})"), R::Met);
  EXPECT_EQ(check(R"({"StringNotLike": {"aws:ResourceTag/Panda": "bob*"}})"), R::Met);
  EXPECT_EQ(check(R"({"StringEqualsIgnoreCase": {"aws:resourcetag/PANDA": "ALICE-2"}})"), R::Met);
  EXPECT_EQ(check(R"({"StringEquals": {"aws:ResourceTag/Team": "x"}})"), R::NotMet);
  EXPECT_EQ(check(R"({"StringEqualsIfExists": {"aws:ResourceTag/Team": "x"}})"), R::Met);
  EXPECT_EQ(check(R"({"Null": {"aws:ResourceTag/Team": "true"}})"), R::Met);
  EXPECT_EQ(check(R"({"Null": {"aws:ResourceTag/Panda": "true"}})"), R::NotMet);
  EXPECT_EQ(check(R"({"NumericLessThan": {"aws:ResourceTag/Panda": "3"}})"), R::Unknown);
  EXPECT_EQ(check(R"({"StringEquals": {"ec2:InstanceType": "t3.micro"}})"), R::Unknown);
  // Every operator and key must hold: one unmet part settles it.
  EXPECT_EQ(
      check(R"({"StringEquals": {"aws:ResourceTag/Panda": "alice-2", "aws:username": "bob"}})"),
      R::NotMet);
}

}  // namespace
}  // namespace faultbox::iam
