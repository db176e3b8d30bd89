// The IAM directory as the Cloud saves it, and labs saved before it: their IAM was plain records
// keyed by Terraform type, and comes back into the directory.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "cloud/cloud.h"
#include "cloud/iam/iam_directory.h"
#include "support/fake_supervisor.h"

namespace faultbox::cloud {
namespace {

using nlohmann::json;

class IamDirectoryKindTest : public ::testing::Test {
 protected:
  std::unique_ptr<Cloud> make_cloud() {
    return std::make_unique<Cloud>(clock_, supervisor_, control_, data_, CloudOptions{});
  }
  ManualClock clock_;
  testing::FakeSupervisor supervisor_;
  boost::asio::io_context control_;
  boost::asio::io_context data_;
};

constexpr const char* kTrustsFis =
    R"({"Statement":[{"Effect":"Allow","Principal":{"Service":"fis.amazonaws.com"},)"
    R"("Action":"sts:AssumeRole"}]})";
constexpr const char* kFisEc2Access =
    "arn:aws:iam::aws:policy/service-role/AWSFaultInjectionSimulatorEC2Access";
constexpr const char* kRoleArn = "arn:aws:iam::000000000000:role/fis";
constexpr const char* kInstance = "arn:aws:ec2:eu-west-2:000000000000:instance/i-1";

json legacy(const std::string& type, const std::string& id, json body) {
  return {{"type", type}, {"id", id}, {"body", std::move(body)}};
}

TEST_F(IamDirectoryKindTest, SavesAndRestoresTheDirectory) {
  auto cloud = make_cloud();
  auto& d = cloud->kind<IamDirectory>().directory();
  d.put_role({.name = "fis", .trust_policy = kTrustsFis}, clock_.now());
  ASSERT_TRUE(d.attach_role_policy("fis", kFisEc2Access));
  auto saved = cloud->to_records();
  auto again = make_cloud();
  ASSERT_TRUE(again->restore(saved));
  EXPECT_TRUE(
      again->kind<IamDirectory>().directory().allows(kRoleArn, "ec2:StopInstances", kInstance));
}

TEST_F(IamDirectoryKindTest, ReadsTheRecordsOfLabsSavedBeforeIt) {
  Records saved;
  // Attachments first, as the store orders ids: the directory reads roles before them anyway.
  auto& records = saved["record"];
  records.emplace_back("aws_iam_policy_attachment/fis_ec2",
                       legacy("aws_iam_policy_attachment", "fis_ec2",
                              {{"roles", json::array({"fis"})}, {"policy_arn", kFisEc2Access}}));
  records.emplace_back("aws_iam_role/fis",
                       legacy("aws_iam_role", "fis",
                              {{"id", "fis"},
                               {"arn", kRoleArn},
                               {"assume_role_policy", kTrustsFis}}));  // no name given
  records.emplace_back("aws_subnet/subnet-1",
                       legacy("aws_subnet", "subnet-1", {{"id", "subnet-1"}}));
  auto cloud = make_cloud();
  ASSERT_TRUE(cloud->restore(saved));
  const auto& d = cloud->kind<IamDirectory>().directory();
  ASSERT_NE(d.role_by_arn(kRoleArn), nullptr);
  EXPECT_TRUE(d.trusts(kRoleArn, "fis.amazonaws.com"));
  EXPECT_TRUE(d.allows(kRoleArn, "ec2:StopInstances", kInstance));
  EXPECT_EQ(cloud->records("aws_subnet").size(), 1u);  // other records stay records
  EXPECT_TRUE(cloud->records("aws_iam_role").empty());
}

}  // namespace
}  // namespace faultbox::cloud
