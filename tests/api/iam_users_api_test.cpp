// IAM users through the gateway (query protocol, as botocore sends them): users, access keys
// (the secret once, two per user), inline and attached policies, IAM's errors, and the caller a
// user's key makes (GetCallerIdentity, GetUser without a name).
#include <regex>

#include "api_fixture.h"
#include "cloud/iam/iam_directory.h"

namespace faultbox::api {
namespace {

constexpr const char* kReadOnly =
    "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C"
    "%22Action%22%3A%22ec2%3ADescribe%2A%22%2C%22Resource%22%3A%22%2A%22%7D%5D%7D";

class IamUsersApiTest : public ApiTest {
 protected:
  // A query call scoped to `service` with the access key `key`.
  std::string call_as(const std::string& key, const std::string& service, const std::string& form) {
    net::HttpRequest r;
    r.method = "POST";
    r.target = "/";
    r.headers["authorization"] = "AWS4-HMAC-SHA256 Credential=" + key + "/20260101/us-east-1/" +
                                 service + "/aws4_request, SignedHeaders=host, Signature=abc";
    r.headers["content-type"] = "application/x-www-form-urlencoded; charset=utf-8";
    r.body = form;
    auto out = handle_aws_request(cloud_, r);
    last_status_ = out ? out->status : 0;
    return out ? out->body : "";
  }
  std::string iam(const std::string& form, const std::string& key = "AKIDTEST") {
    return call_as(key, "iam", "Version=2010-05-08&" + form);
  }
  static std::string between(const std::string& text, const std::string& tag) {
    std::smatch m;
    std::regex re("<" + tag + ">([^<]*)</" + tag + ">");
    return std::regex_search(text, m, re) ? m[1].str() : "";
  }
  int last_status_ = 0;
};

TEST_F(IamUsersApiTest, UsersAreMadeListedAndDeletedOnlyWhenBare) {
  auto made = iam("Action=CreateUser&UserName=alice&Path=%2Fworkshop%2F");
  EXPECT_EQ(last_status_, 200) << made;
  EXPECT_EQ(between(made, "Arn"), "arn:aws:iam::123456789012:user/workshop/alice");
  EXPECT_EQ(between(made, "UserId").substr(0, 4), "AIDA");
  iam("Action=CreateUser&UserName=alice");
  EXPECT_EQ(last_status_, 409);
  iam("Action=CreateUser&UserName=bob");
  auto listed = iam("Action=ListUsers&MaxItems=1");
  EXPECT_EQ(between(listed, "UserName"), "alice");
  EXPECT_EQ(between(listed, "IsTruncated"), "true");
  auto rest = iam("Action=ListUsers&Marker=" + between(listed, "Marker"));
  EXPECT_EQ(between(rest, "UserName"), "bob");
  EXPECT_EQ(between(rest, "IsTruncated"), "false");

  iam("Action=PutUserPolicy&UserName=alice&PolicyName=read&PolicyDocument=" +
      std::string(kReadOnly));
  EXPECT_EQ(last_status_, 200);
  auto conflict = iam("Action=DeleteUser&UserName=alice");
  EXPECT_EQ(last_status_, 409);
  EXPECT_EQ(between(conflict, "Code"), "DeleteConflict");
  iam("Action=DeleteUserPolicy&UserName=alice&PolicyName=read");
  iam("Action=DeleteUser&UserName=alice");
  EXPECT_EQ(last_status_, 200);
  auto gone = iam("Action=GetUser&UserName=alice");
  EXPECT_EQ(last_status_, 404);
  EXPECT_EQ(between(gone, "Code"), "NoSuchEntity");
  iam("Action=CreateUser&UserName=" + std::string(65, 'a'));
  EXPECT_EQ(last_status_, 400);
}

TEST_F(IamUsersApiTest, AccessKeysShowTheirSecretOnceAndAreTwoAtMost) {
  iam("Action=CreateUser&UserName=alice");
  auto first = iam("Action=CreateAccessKey&UserName=alice");
  const auto id = between(first, "AccessKeyId");
  const auto secret = between(first, "SecretAccessKey");
  EXPECT_EQ(id.substr(0, 4), "AKIA");
  EXPECT_EQ(id.size(), 20u);
  EXPECT_EQ(secret.size(), 40u);
  iam("Action=CreateAccessKey&UserName=alice");
  auto third = iam("Action=CreateAccessKey&UserName=alice");
  EXPECT_EQ(between(third, "Code"), "LimitExceeded");
  auto listed = iam("Action=ListAccessKeys&UserName=alice");
  EXPECT_EQ(count_of(listed, "<AccessKeyId>"), 2);
  EXPECT_EQ(listed.find(secret), std::string::npos) << "the secret is shown once";

  // The key is alice's: GetUser without a name and GetCallerIdentity name her.
  auto me = iam("Action=GetUser", id);
  EXPECT_EQ(between(me, "UserName"), "alice");
  auto identity = call_as(id, "sts", "Action=GetCallerIdentity&Version=2011-06-15");
  EXPECT_EQ(between(identity, "Arn"), "arn:aws:iam::123456789012:user/alice");
  auto root_get = iam("Action=GetUser");
  EXPECT_EQ(last_status_, 400) << root_get;

  iam("Action=UpdateAccessKey&UserName=alice&AccessKeyId=" + id + "&Status=Inactive");
  EXPECT_EQ(last_status_, 200);
  EXPECT_NE(iam("Action=ListAccessKeys&UserName=alice").find("<Status>Inactive</Status>"),
            std::string::npos);
  iam("Action=DeleteAccessKey&UserName=bob&AccessKeyId=" + id);
  EXPECT_EQ(last_status_, 404);
  iam("Action=DeleteAccessKey&UserName=alice&AccessKeyId=" + id);
  EXPECT_EQ(last_status_, 200);
}

TEST_F(IamUsersApiTest, AttachedPoliciesCountAndAreKeptWithTheLab) {
  iam("Action=CreateUser&UserName=alice");
  iam("Action=AttachUserPolicy&UserName=alice&PolicyArn=arn%3Aaws%3Aiam%3A%3A123456789012%3A"
      "policy%2Fnope");
  EXPECT_EQ(last_status_, 404);
  iam("Action=AttachUserPolicy&UserName=alice&PolicyArn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2F"
      "AdministratorAccess");
  EXPECT_EQ(last_status_, 200);
  auto attached = iam("Action=ListAttachedUserPolicies&UserName=alice");
  EXPECT_EQ(between(attached, "PolicyName"), "AdministratorAccess");
  auto key = between(iam("Action=CreateAccessKey&UserName=alice"), "AccessKeyId");

  // Saved and restored with the directory.
  const auto& directory = cloud_.kind<cloud::IamDirectory>().directory();
  iam::Directory again("123456789012");
  ASSERT_TRUE(again.restore(directory.to_json()));
  ASSERT_NE(again.users().find("alice"), nullptr);
  ASSERT_NE(again.users().key(key), nullptr);
  EXPECT_EQ(again.users().key(key)->secret, directory.users().key(key)->secret);
  EXPECT_EQ(again.users().attached("alice").size(), 1u);
  EXPECT_EQ(again.user_policy_documents("alice").size(), 1u);
}

}  // namespace
}  // namespace faultbox::api
