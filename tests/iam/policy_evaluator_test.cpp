#include "iam/policy_evaluator.h"

#include <gtest/gtest.h>

namespace faultbox::iam {
namespace {

TEST(WildcardMatch, Table) {
  EXPECT_TRUE(wildcard_match("ec2:*", "ec2:StopInstances", true));
  EXPECT_TRUE(wildcard_match("EC2:stop*", "ec2:StopInstances", true));
  EXPECT_FALSE(wildcard_match("ec2:Start*", "ec2:StopInstances", true));
  EXPECT_TRUE(
      wildcard_match("arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:eu-west-2:0:instance/i-1", false));
  EXPECT_TRUE(wildcard_match("i-?", "i-1", false));
  EXPECT_FALSE(wildcard_match("i-?", "i-12", false));
  EXPECT_TRUE(wildcard_match("*", "", false));
}

TEST(IsAllowed, AllowDenyAndDefault) {
  nlohmann::json allow = {
      {"Statement", {{{"Effect", "Allow"}, {"Action", "ec2:*"}, {"Resource", "*"}}}}};
  nlohmann::json deny_one = {
      {"Statement", {{"Effect", "Deny"}, {"Action", "ec2:TerminateInstances"}, {"Resource", "*"}}}};
  EXPECT_TRUE(is_allowed({allow}, "ec2:StopInstances", "arn:x"));
  EXPECT_FALSE(is_allowed({allow, deny_one}, "ec2:TerminateInstances", "arn:x"));
  EXPECT_FALSE(is_allowed({}, "ec2:StopInstances", "arn:x"));
  EXPECT_FALSE(is_allowed({allow}, "iam:PassRole", "arn:x"));
}

TEST(IsAllowed, ConditionalAllowIsNotTrusted) {
  nlohmann::json conditional = {
      {"Statement",
       {{{"Effect", "Allow"}, {"Action", "*"}, {"Resource", "*"}, {"Condition", {{"x", 1}}}}}}};
  EXPECT_FALSE(is_allowed({conditional}, "ec2:StopInstances", "arn:x"));
}

TEST(IsAllowed, ConditionalDenyDenies) {
  nlohmann::json allow = {
      {"Statement", {{{"Effect", "Allow"}, {"Action", "ec2:*"}, {"Resource", "*"}}}}};
  nlohmann::json conditional_deny = {{"Statement",
                                      {{{"Effect", "Deny"},
                                        {"Action", "ec2:Stop*"},
                                        {"Resource", "*"},
                                        {"Condition", {{"x", 1}}}}}}};
  EXPECT_FALSE(is_allowed({allow, conditional_deny}, "ec2:StopInstances", "arn:x"));
  EXPECT_TRUE(is_allowed({allow, conditional_deny}, "ec2:RebootInstances", "arn:x"));
}

TEST(TrustsService, FisMustBeAPrincipalAllowedToAssumeTheRole) {
  auto trust = [](nlohmann::json principal, std::string effect = "Allow",
                  nlohmann::json action = "sts:AssumeRole") {
    return nlohmann::json{
        {"Version", "2012-10-17"},
        {"Statement", {{{"Effect", effect}, {"Principal", principal}, {"Action", action}}}}};
  };
  EXPECT_TRUE(trusts_service(trust({{"Service", "fis.amazonaws.com"}}), "fis.amazonaws.com"));
  EXPECT_TRUE(trusts_service(trust({{"Service", {"ec2.amazonaws.com", "fis.amazonaws.com"}}}),
                             "fis.amazonaws.com"));
  EXPECT_TRUE(trusts_service(trust("*"), "fis.amazonaws.com"));
  EXPECT_TRUE(trusts_service(trust({{"Service", "fis.amazonaws.com"}}, "Allow", "sts:*"),
                             "fis.amazonaws.com"));
  EXPECT_FALSE(trusts_service(trust({{"Service", "ec2.amazonaws.com"}}), "fis.amazonaws.com"));
  EXPECT_FALSE(
      trusts_service(trust({{"Service", "fis.amazonaws.com"}}, "Deny"), "fis.amazonaws.com"));
  EXPECT_FALSE(trusts_service(trust({{"Service", "fis.amazonaws.com"}}, "Allow", "sts:TagSession"),
                              "fis.amazonaws.com"));
  EXPECT_FALSE(trusts_service(nlohmann::json(), "fis.amazonaws.com"));
}

TEST(ManagedPolicy, FisEc2AccessAllowsInstanceFaultsOnly) {
  const auto* p =
      managed_policy("arn:aws:iam::aws:policy/service-role/AWSFaultInjectionSimulatorEC2Access");
  ASSERT_NE(p, nullptr);
  auto arn = "arn:aws:ec2:eu-west-2:000000000000:instance/i-0123456789abcdef0";
  EXPECT_TRUE(is_allowed({*p}, "ec2:StopInstances", arn));
  EXPECT_TRUE(is_allowed({*p}, "ec2:TerminateInstances", arn));
  EXPECT_FALSE(is_allowed({*p}, "ec2:StopInstances", "arn:aws:rds:eu-west-2:0:db:x"));
  EXPECT_EQ(managed_policy("arn:aws:iam::aws:policy/Unknown"), nullptr);
}

}  // namespace
}  // namespace faultbox::iam
