// Every resource type's ARN as AWS writes it, and reading ARNs back.
#include "core/arn.h"

#include <gtest/gtest.h>

namespace faultbox {
namespace {

constexpr const char* kAccount = "000000000000";

TEST(ArnTest, BuildsEachResourceTypeInAwsFormat) {
  EXPECT_EQ(arn::instance("eu-west-2", kAccount, "i-0123456789abcdef0"),
            "arn:aws:ec2:eu-west-2:000000000000:instance/i-0123456789abcdef0");
  EXPECT_EQ(arn::launch_template("eu-west-2", kAccount, "lt-0abc"),
            "arn:aws:ec2:eu-west-2:000000000000:launch-template/lt-0abc");
  EXPECT_EQ(arn::image("eu-west-2", "ami-1"), "arn:aws:ec2:eu-west-2::image/ami-1");
  EXPECT_EQ(arn::autoscaling_group("eu-west-2", kAccount, "1b2c", "web"),
            "arn:aws:autoscaling:eu-west-2:000000000000:autoScalingGroup:1b2c:"
            "autoScalingGroupName/web");
  EXPECT_EQ(arn::classic_load_balancer("eu-west-2", kAccount, "web-elb"),
            "arn:aws:elasticloadbalancing:eu-west-2:000000000000:loadbalancer/web-elb");
  EXPECT_EQ(arn::alarm("eu-west-2", kAccount, "panda-elb-alarm"),
            "arn:aws:cloudwatch:eu-west-2:000000000000:alarm:panda-elb-alarm");
  EXPECT_EQ(arn::log_group("eu-west-2", kAccount, "/fis/x"),
            "arn:aws:logs:eu-west-2:000000000000:log-group:/fis/x:*");
  EXPECT_EQ(arn::log_stream("eu-west-2", kAccount, "g", "s"),
            "arn:aws:logs:eu-west-2:000000000000:log-group:g:log-stream:s");
  EXPECT_EQ(arn::fis_template("eu-west-2", kAccount, "EXT1"),
            "arn:aws:fis:eu-west-2:000000000000:experiment-template/EXT1");
  EXPECT_EQ(arn::fis_experiment("eu-west-2", kAccount, "EXP1"),
            "arn:aws:fis:eu-west-2:000000000000:experiment/EXP1");
  EXPECT_EQ(arn::fis_action("eu-west-2", "aws:ec2:stop-instances"),
            "arn:aws:fis:eu-west-2::action/aws:ec2:stop-instances");
  EXPECT_EQ(arn::iam_role(kAccount, "/", "fis"), "arn:aws:iam::000000000000:role/fis");
  EXPECT_EQ(arn::iam_role(kAccount, "/service/", "fis"),
            "arn:aws:iam::000000000000:role/service/fis");
  EXPECT_EQ(arn::iam_policy(kAccount, "", "p"), "arn:aws:iam::000000000000:policy/p");
  EXPECT_EQ(arn::iam_instance_profile(kAccount, "/", "web"),
            "arn:aws:iam::000000000000:instance-profile/web");
  EXPECT_EQ(arn::account_root(kAccount), "arn:aws:iam::000000000000:root");
  EXPECT_EQ(arn::s3_bucket("my-bucket"), "arn:aws:s3:::my-bucket");
}

TEST(ArnTest, ReadsBackWhatItBuilds) {
  auto a = parse_arn(arn::log_group("eu-west-2", kAccount, "/fis/x"));
  ASSERT_TRUE(a);
  EXPECT_EQ(a->service, "logs");
  EXPECT_EQ(a->region, "eu-west-2");
  EXPECT_EQ(a->account, kAccount);
  EXPECT_EQ(a->resource, "log-group:/fis/x:*");
  auto role = parse_arn(arn::iam_role(kAccount, "/a/b/", "fis"));
  ASSERT_TRUE(role);
  EXPECT_EQ(role->region, "");
  EXPECT_EQ(arn::resource_name(*role), "fis");
  auto bucket = parse_arn(arn::s3_bucket("b"));
  ASSERT_TRUE(bucket);
  EXPECT_EQ(bucket->resource, "b");
}

TEST(ArnTest, RefusesWhatIsNotAnArn) {
  for (const char* bad : {"", "arn", "arn:aws", "arn:aws:ec2:r:a", "nra:aws:ec2:r:a:x",
                          "arn::ec2:r:a:x", "arn:aws::r:a:x", "arn:aws:ec2:r:a:"}) {
    EXPECT_FALSE(parse_arn(bad)) << bad;
  }
  EXPECT_TRUE(is_account_id(kAccount));
  EXPECT_FALSE(is_account_id("12345"));
  EXPECT_FALSE(is_account_id("00000000000x"));
}

}  // namespace
}  // namespace faultbox
