// aws:network:disrupt-connectivity through the runner: it cuts the target subnets off (by ARN, by
// tag, or by the availabilityZoneIdentifier target parameter) for its duration with its scope,
// restores them at the end and on stop, needs the network ACL permission, fails when the lab
// cannot filter packets, and refuses the scopes that reach AWS services when the template is made.
#include "fis/runner_fixture.h"

namespace faultbox::fis {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

class DisruptConnectivityTest : public testing::RunnerTest {
 protected:
  DisruptConnectivityTest() : RunnerTest(5) {
    lab_.add_subnet("subnet-a", "eu-west-2a", {{"Name", "public-a"}});
    lab_.add_subnet("subnet-b", "eu-west-2b", {{"Name", "public-b"}});
  }

  Result<const Experiment*> start(nlohmann::json target, nlohmann::json parameters) {
    target["resourceType"] = "aws:ec2:subnet";
    target["selectionMode"] = "ALL";
    return start_body(testing::seed_with({{"Subnet", std::move(target)}},
                                         {{"cut",
                                           {{"actionId", "aws:network:disrupt-connectivity"},
                                            {"parameters", std::move(parameters)},
                                            {"targets", {{"Subnets", "Subnet"}}}}}}));
  }
};

TEST_F(DisruptConnectivityTest, CutsTheSubnetOffForItsDuration) {
  auto e = start({{"resourceTags", {{"Name", "public-a"}}}}, {{"duration", "PT2M"}});
  ASSERT_TRUE(e) << e.error().message;
  ASSERT_EQ(lab_.network_faults.size(), 1u);
  const auto& [id, fault] = *lab_.network_faults.begin();
  EXPECT_EQ(id, (*e)->id + "/cut");
  EXPECT_EQ(fault.first, std::vector<std::string>{"subnet-a"});
  EXPECT_EQ(fault.second, "all");  // the default scope
  advance(seconds(100));
  EXPECT_EQ(lab_.network_faults.size(), 1u);
  advance(seconds(30));
  EXPECT_TRUE(lab_.network_faults.empty());
  EXPECT_EQ((*e)->status, ExperimentStatus::Completed);
}

TEST_F(DisruptConnectivityTest, TheZoneParameterPicksTheSubnetAndStopRestoresIt) {
  auto e = start({{"parameters", {{"availabilityZoneIdentifier", "euw2-azb"}}}},
                 {{"duration", "PT10M"}, {"scope", "availability-zone"}});
  ASSERT_TRUE(e) << e.error().message;
  ASSERT_EQ(lab_.network_faults.size(), 1u);
  EXPECT_EQ(lab_.network_faults.begin()->second.first, std::vector<std::string>{"subnet-b"});
  EXPECT_EQ(lab_.network_faults.begin()->second.second, "availability-zone");
  ASSERT_TRUE(runner_.stop((*e)->id, clock_.now()));
  advance(seconds(1));
  EXPECT_TRUE(lab_.network_faults.empty());
  EXPECT_EQ((*e)->status, ExperimentStatus::Stopped);
}

TEST_F(DisruptConnectivityTest, WithoutThePermissionNothingIsCut) {
  lab_.denied_actions.insert("ec2:ReplaceNetworkAclAssociation");
  auto e = start({{"resourceArns", {"arn:aws:ec2:eu-west-2:000000000000:subnet/subnet-a"}}},
                 {{"duration", "PT1M"}});
  ASSERT_TRUE(e) << e.error().message;
  EXPECT_EQ((*e)->status, ExperimentStatus::Failed);
  EXPECT_TRUE(lab_.network_faults.empty());
}

TEST_F(DisruptConnectivityTest, ALabThatCannotFilterPacketsFailsTheExperimentSayingWhy) {
  lab_.refuse_network_with = "nft is not installed";
  auto e = start({{"resourceTags", {{"Name", "public-a"}}}}, {{"duration", "PT1M"}});
  ASSERT_TRUE(e) << e.error().message;
  EXPECT_EQ((*e)->status, ExperimentStatus::Failed);
  const auto& action = (*e)->actions.at("cut");
  EXPECT_EQ(action.status, ActionStatus::Failed);
  EXPECT_NE(action.reason.find("nft is not installed"), std::string::npos) << action.reason;
}

TEST_F(DisruptConnectivityTest, ScopesThatReachAwsServicesAreRefusedWhenTheTemplateIsMade) {
  auto s3 =
      start({{"resourceTags", {{"Name", "public-a"}}}}, {{"duration", "PT1M"}, {"scope", "s3"}});
  ASSERT_FALSE(s3);
  EXPECT_NE(s3.error().message.find("the lab takes scope all or availability-zone"),
            std::string::npos)
      << s3.error().message;
  auto typo = start({{"resourceTags", {{"Name", "public-a"}}}},
                    {{"duration", "PT1M"}, {"scope", "everything"}});
  ASSERT_FALSE(typo);
  EXPECT_NE(typo.error().message.find("Invalid scope"), std::string::npos);
}

}  // namespace
}  // namespace faultbox::fis
