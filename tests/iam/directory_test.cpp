// The IAM directory: names, ARNs and ids as IAM gives them, attachments and inline policies, what
// a role may do, and the saved form.
#include "iam/directory.h"

#include <gtest/gtest.h>

namespace faultbox::iam {
namespace {

constexpr const char* kTrustsFis =
    R"({"Statement":[{"Effect":"Allow","Principal":{"Service":"fis.amazonaws.com"},)"
    R"("Action":"sts:AssumeRole"}]})";
constexpr const char* kStopAnything =
    R"({"Statement":[{"Effect":"Allow","Action":"ec2:StopInstances","Resource":"*"}]})";
constexpr const char* kFisEc2Access =
    "arn:aws:iam::aws:policy/service-role/AWSFaultInjectionSimulatorEC2Access";
const TimePoint kNow{Duration(1'700'000'000'000)};
const std::string kInstance = "arn:aws:ec2:eu-west-2:000000000000:instance/i-1";

class DirectoryTest : public ::testing::Test {
 protected:
  Directory d_{"000000000000"};
};

TEST_F(DirectoryTest, RoleGetsItsArnIdAndCreationTime) {
  auto made =
      d_.create_role({.name = "fis", .path = "/service/", .trust_policy = kTrustsFis}, kNow);
  ASSERT_TRUE(made);
  EXPECT_EQ((*made)->arn, "arn:aws:iam::000000000000:role/service/fis");
  EXPECT_EQ((*made)->id.substr(0, 4), "AROA");
  EXPECT_EQ((*made)->id.size(), 21u);
  EXPECT_EQ((*made)->created, kNow);
  EXPECT_EQ(d_.role_by_arn("arn:aws:iam::000000000000:role/service/fis"), *made);
  EXPECT_EQ(d_.role_by_arn("arn:aws:iam::000000000000:role/fis"), nullptr);  // not its path
  auto again = d_.create_role({.name = "fis"}, kNow);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "EntityAlreadyExists");
}

TEST_F(DirectoryTest, PutKeepsIdAndCreationTime) {
  auto id = d_.put_role({.name = "fis"}, kNow)->id;
  const auto* updated = d_.put_role({.name = "fis", .description = "new"}, kNow + Duration(5));
  EXPECT_EQ(updated->id, id);
  EXPECT_EQ(updated->created, kNow);
  EXPECT_EQ(updated->description, "new");
}

TEST_F(DirectoryTest, AttachedAndInlinePoliciesDecideWhatTheRoleMayDo) {
  const auto* role = d_.put_role({.name = "fis", .trust_policy = kTrustsFis}, kNow);
  EXPECT_TRUE(d_.trusts(role->arn, "fis.amazonaws.com"));
  EXPECT_FALSE(d_.trusts(role->arn, "ec2.amazonaws.com"));
  EXPECT_FALSE(d_.allows(role->arn, "ec2:StopInstances", kInstance));

  ASSERT_TRUE(d_.attach_role_policy("fis", kFisEc2Access));
  EXPECT_TRUE(d_.allows(role->arn, "ec2:StopInstances", kInstance));
  d_.detach_role_policy("fis", kFisEc2Access);
  EXPECT_FALSE(d_.allows(role->arn, "ec2:StopInstances", kInstance));

  const auto* policy = d_.put_policy({.name = "stop", .document = kStopAnything}, kNow);
  EXPECT_EQ(policy->arn, "arn:aws:iam::000000000000:policy/stop");
  ASSERT_TRUE(d_.attach_role_policy("fis", policy->arn));
  EXPECT_EQ(d_.attachment_count(policy->arn), 1);
  EXPECT_TRUE(d_.allows(role->arn, "ec2:StopInstances", kInstance));
  ASSERT_TRUE(d_.delete_policy(policy->arn));
  EXPECT_EQ(d_.attachment_count(policy->arn), 0);
  EXPECT_FALSE(d_.allows(role->arn, "ec2:StopInstances", kInstance));

  ASSERT_TRUE(d_.put_role_policy("fis", "inline", kStopAnything));
  EXPECT_TRUE(d_.allows(role->arn, "ec2:StopInstances", kInstance));
  d_.delete_role_policy("fis", "inline");
  EXPECT_FALSE(d_.allows(role->arn, "ec2:StopInstances", kInstance));
}

TEST_F(DirectoryTest, RefusesWhatDoesNotExist) {
  EXPECT_EQ(d_.attach_role_policy("nobody", kFisEc2Access).error().code, "NoSuchEntity");
  d_.put_role({.name = "fis"}, kNow);
  EXPECT_EQ(d_.attach_role_policy("fis", "arn:aws:iam::000000000000:policy/none").error().code,
            "NoSuchEntity");
  // Every AWS-managed policy exists on AWS, known to the lab or not.
  EXPECT_TRUE(d_.attach_role_policy("fis", "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"));
  EXPECT_EQ(d_.put_role_policy("nobody", "p", "{}").error().code, "NoSuchEntity");
  EXPECT_EQ(d_.delete_role("nobody").error().code, "NoSuchEntity");
}

TEST_F(DirectoryTest, DeletingARoleDropsItsPolicies) {
  d_.put_role({.name = "fis"}, kNow);
  ASSERT_TRUE(d_.attach_role_policy("fis", kFisEc2Access));
  ASSERT_TRUE(d_.put_role_policy("fis", "inline", kStopAnything));
  ASSERT_TRUE(d_.delete_role("fis"));
  d_.put_role({.name = "fis"}, kNow);
  EXPECT_TRUE(d_.attached_policies("fis").empty());
  EXPECT_TRUE(d_.inline_policies("fis").empty());
}

TEST_F(DirectoryTest, ComesBackFromItsSavedForm) {
  const auto* role = d_.put_role({.name = "fis", .path = "/a/", .trust_policy = kTrustsFis}, kNow);
  const auto* policy = d_.put_policy({.name = "stop", .document = kStopAnything}, kNow);
  ASSERT_TRUE(d_.attach_role_policy("fis", policy->arn));
  ASSERT_TRUE(d_.put_role_policy("fis", "inline", "{}"));
  d_.put_instance_profile({.name = "web", .roles = {"fis"}});

  Directory back("000000000000");
  auto restored = back.restore(d_.to_json());
  ASSERT_TRUE(restored) << restored.error().message;
  EXPECT_EQ(back.to_json(), d_.to_json());
  ASSERT_NE(back.find_role("fis"), nullptr);
  EXPECT_EQ(back.find_role("fis")->arn, role->arn);
  EXPECT_EQ(back.find_role("fis")->id, role->id);
  EXPECT_TRUE(back.allows(role->arn, "ec2:StopInstances", kInstance));
  EXPECT_EQ(back.find_instance_profile("web")->arn,
            "arn:aws:iam::000000000000:instance-profile/web");
  EXPECT_FALSE(back.restore(nlohmann::json{{"roles", 1}}));
}

}  // namespace
}  // namespace faultbox::iam
