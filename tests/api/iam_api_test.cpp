// IAM through the gateway (query protocol): roles, policies, inline policies and attachments as
// the records FIS permission checks read; IAM's errors.
#include "api_fixture.h"
#include "cloud/region_services.h"

namespace faultbox::api {
namespace {

constexpr const char* kTrust =
    "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C"
    "%22Principal%22%3A%7B%22Service%22%3A%22fis.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3A"
    "AssumeRole%22%7D%5D%7D";
constexpr const char* kEc2Access =
    "arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2Fservice-role%2FAWSFaultInjectionSimulatorEC2Access";

class IamApiTest : public ApiTest {
 protected:
  std::string iam(const std::string& form) {
    auto r = query("iam", "Version=2010-05-08&" + form, "us-east-1");
    last_status_ = r.status;
    return r.body;
  }
  bool fis_may_stop(const std::string& role) {
    return cloud_.region("eu-west-2")
        .fis_env.allowed("arn:aws:iam::123456789012:role/" + role, "ec2:StopInstances",
                         "arn:aws:ec2:eu-west-2:123456789012:instance/i-0123456789abcdef0");
  }
  int last_status_ = 0;
};

TEST_F(IamApiTest, CreateRoleAndReadItBack) {
  auto created = iam(std::string("Action=CreateRole&RoleName=fis-role&Description=d&"
                                 "AssumeRolePolicyDocument=") +
                     kTrust);
  EXPECT_EQ(last_status_, 200);
  EXPECT_NE(created.find("<CreateRoleResult><Role>"), std::string::npos) << created;
  EXPECT_NE(created.find("<Arn>arn:aws:iam::123456789012:role/fis-role</Arn>"), std::string::npos);
  // IAM sends documents URL-encoded.
  EXPECT_NE(created.find("<AssumeRolePolicyDocument>%7B%22Version%22"), std::string::npos);
  EXPECT_NE(created.find("<RoleId>AROA"), std::string::npos);
  auto got = iam("Action=GetRole&RoleName=fis-role");
  EXPECT_NE(got.find("<Description>d</Description>"), std::string::npos);
  auto listed = iam("Action=ListRoles");
  EXPECT_EQ(count_of(listed, "<RoleName>"), 1);
  EXPECT_NE(listed.find("<IsTruncated>false</IsTruncated>"), std::string::npos);
  auto again =
      iam(std::string("Action=CreateRole&RoleName=fis-role&AssumeRolePolicyDocument=") + kTrust);
  EXPECT_EQ(last_status_, 409);
  EXPECT_NE(again.find("<Code>EntityAlreadyExists</Code>"), std::string::npos);
  auto missing = iam("Action=GetRole&RoleName=nope");
  EXPECT_EQ(last_status_, 404);
  EXPECT_NE(missing.find("<Code>NoSuchEntity</Code><Message>The role with name nope cannot be "
                         "found.</Message>"),
            std::string::npos);
  iam("Action=CreateRole&RoleName=bad&AssumeRolePolicyDocument=not-json");
  EXPECT_EQ(last_status_, 400);
}

TEST_F(IamApiTest, AttachedManagedPolicyLetsFisActForTheRole) {
  iam(std::string("Action=CreateRole&RoleName=fis-role&AssumeRolePolicyDocument=") + kTrust);
  EXPECT_FALSE(fis_may_stop("fis-role"));
  iam(std::string("Action=AttachRolePolicy&RoleName=fis-role&PolicyArn=") + kEc2Access);
  EXPECT_EQ(last_status_, 200);
  EXPECT_TRUE(fis_may_stop("fis-role"));
  auto policy = iam(std::string("Action=GetPolicy&PolicyArn=") + kEc2Access);
  EXPECT_NE(policy.find("<AttachmentCount>1</AttachmentCount>"), std::string::npos) << policy;
  iam(std::string("Action=AttachRolePolicy&RoleName=nope&PolicyArn=") + kEc2Access);
  EXPECT_EQ(last_status_, 404);
  iam("Action=AttachRolePolicy&RoleName=fis-role&PolicyArn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FX");
  EXPECT_EQ(last_status_, 404);
}

TEST_F(IamApiTest, CustomerPolicyAndInlinePolicyBothCount) {
  const std::string allow_stop =
      "%7B%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22ec2%3AStop"
      "Instances%22%2C%22Resource%22%3A%22*%22%7D%5D%7D";
  iam(std::string("Action=CreateRole&RoleName=a&AssumeRolePolicyDocument=") + kTrust);
  iam(std::string("Action=CreateRole&RoleName=b&AssumeRolePolicyDocument=") + kTrust);
  auto created =
      iam("Action=CreatePolicy&PolicyName=stop&Path=%2Flab%2F&PolicyDocument=" + allow_stop);
  EXPECT_NE(created.find("<Arn>arn:aws:iam::123456789012:policy/lab/stop</Arn>"), std::string::npos)
      << created;
  iam("Action=CreatePolicy&PolicyName=stop&PolicyDocument=" + allow_stop);
  EXPECT_EQ(last_status_, 409);
  iam("Action=AttachRolePolicy&RoleName=a&PolicyArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Apolicy"
      "%2Flab%2Fstop");
  EXPECT_EQ(last_status_, 200);
  EXPECT_TRUE(fis_may_stop("a"));
  iam("Action=PutRolePolicy&RoleName=b&PolicyName=inline&PolicyDocument=" + allow_stop);
  EXPECT_EQ(last_status_, 200);
  EXPECT_TRUE(fis_may_stop("b"));
  auto got = iam("Action=GetPolicy&PolicyArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Apolicy%2Flab"
                 "%2Fstop");
  EXPECT_NE(got.find("<Path>/lab/</Path>"), std::string::npos);
  iam("Action=GetPolicy&PolicyArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Apolicy%2Fnope");
  EXPECT_EQ(last_status_, 404);
}

}  // namespace
}  // namespace faultbox::api
