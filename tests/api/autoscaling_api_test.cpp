// Auto Scaling through the gateway (query protocol): groups and their instances, capacity and
// configuration changes, activities, SetInstanceHealth, and Auto Scaling's errors.
#include "api_fixture.h"
#include "cloud/groups/groups.h"
#include "cloud/launch_templates/launch_templates.h"

namespace faultbox::api {
namespace {

class AutoScalingApiTest : public ApiTest {
 protected:
  void SetUp() override {
    cloud::LaunchTemplate lt;
    lt.name = "web-lt";
    lt.region = "eu-west-2";
    ASSERT_TRUE(cloud_.kind<cloud::LaunchTemplates>().put(lt));
    compute::AutoScalingGroupSpec spec;
    spec.name = "web";
    spec.min_size = 1;
    spec.max_size = 4;
    spec.desired_capacity = 2;
    spec.availability_zones = {"eu-west-2a", "eu-west-2b"};
    spec.launch_template.name = "web-lt";
    spec.tags = {{"Team", "panda", true}};
    ASSERT_TRUE(cloud_.kind<cloud::Groups>().put(spec, "eu-west-2"));
    run_for(std::chrono::seconds(15));
  }
  std::string asg(const std::string& form) {
    auto r = query("autoscaling", form);
    last_status_ = r.status;
    return r.body;
  }
  int last_status_ = 0;
};

TEST_F(AutoScalingApiTest, DescribeGroupsListsMembersAndConfiguration) {
  auto body = asg("Action=DescribeAutoScalingGroups&Version=2011-01-01");
  EXPECT_EQ(last_status_, 200);
  EXPECT_NE(body.find("<DescribeAutoScalingGroupsResponse xmlns=\"http://autoscaling.amazonaws."
                      "com/doc/2011-01-01/\"><DescribeAutoScalingGroupsResult><AutoScalingGroups>"
                      "<member>"),
            std::string::npos)
      << body;
  EXPECT_NE(body.find("<AutoScalingGroupName>web</AutoScalingGroupName>"), std::string::npos);
  EXPECT_NE(body.find("<DesiredCapacity>2</DesiredCapacity>"), std::string::npos);
  EXPECT_EQ(count_of(body, "<LifecycleState>InService</LifecycleState>"), 2);
  EXPECT_NE(body.find("<AvailabilityZones><member>eu-west-2a</member><member>eu-west-2b</member>"),
            std::string::npos);
  EXPECT_NE(body.find("<Key>Team</Key><PropagateAtLaunch>true</PropagateAtLaunch>"),
            std::string::npos);
  EXPECT_NE(body.find("<HealthCheckType>EC2</HealthCheckType>"), std::string::npos);
  EXPECT_NE(body.find("<CreatedTime>"), std::string::npos);
  // Another region has no groups; a filter on a missing tag selects none.
  EXPECT_EQ(count_of(query("autoscaling", "Action=DescribeAutoScalingGroups", "us-east-1").body,
                     "<AutoScalingGroupName>"),
            0);
  EXPECT_EQ(count_of(asg("Action=DescribeAutoScalingGroups&Filters.member.1.Name=tag%3ATeam&"
                         "Filters.member.1.Values.member.1=koala"),
                     "<AutoScalingGroupName>"),
            0);
  EXPECT_EQ(count_of(asg("Action=DescribeAutoScalingGroups&Filters.member.1.Name=tag%3ATeam&"
                         "Filters.member.1.Values.member.1=panda"),
                     "<AutoScalingGroupName>"),
            1);
}

TEST_F(AutoScalingApiTest, DescribeInstancesNamesTheirGroup) {
  auto id = *cloud_.kind<cloud::Groups>().find("web")->members.begin();
  auto body = asg("Action=DescribeAutoScalingInstances&InstanceIds.member.1=" + id);
  EXPECT_EQ(count_of(body, "<InstanceId>"), 1);
  EXPECT_NE(body.find("<AutoScalingGroupName>web</AutoScalingGroupName>"), std::string::npos);
  EXPECT_NE(body.find("<HealthStatus>Healthy</HealthStatus>"), std::string::npos);
}

TEST_F(AutoScalingApiTest, SetDesiredCapacityScalesTheGroup) {
  asg("Action=SetDesiredCapacity&AutoScalingGroupName=web&DesiredCapacity=3");
  EXPECT_EQ(last_status_, 200);
  run_for(std::chrono::seconds(15));
  EXPECT_EQ(cloud_.kind<cloud::Groups>().find("web")->members.size(), 3u);
  auto above = asg("Action=SetDesiredCapacity&AutoScalingGroupName=web&DesiredCapacity=9");
  EXPECT_EQ(last_status_, 400);
  EXPECT_NE(above.find("<Code>ValidationError</Code><Message>New SetDesiredCapacity value 9 is "
                       "above max value 4 for the AutoScalingGroup.</Message>"),
            std::string::npos)
      << above;
  auto unknown = asg("Action=SetDesiredCapacity&AutoScalingGroupName=nope&DesiredCapacity=1");
  EXPECT_NE(unknown.find("AutoScalingGroup name not found - nope"), std::string::npos);
  EXPECT_NE(unknown.find("<Type>Sender</Type>"), std::string::npos);
}

TEST_F(AutoScalingApiTest, UpdateGroupRaisesMinAndPullsDesiredAlong) {
  asg("Action=UpdateAutoScalingGroup&AutoScalingGroupName=web&MinSize=3&HealthCheckType=ELB&"
      "HealthCheckGracePeriod=45");
  EXPECT_EQ(last_status_, 200);
  const auto& spec = cloud_.kind<cloud::Groups>().find("web")->spec;
  EXPECT_EQ(spec.min_size, 3);
  EXPECT_EQ(spec.desired_capacity, 3);
  EXPECT_EQ(spec.health_check_type, compute::HealthCheckType::Elb);
  EXPECT_EQ(spec.health_check_grace_period, std::chrono::seconds(45));
  asg("Action=UpdateAutoScalingGroup&AutoScalingGroupName=web&MinSize=5&MaxSize=2");
  EXPECT_EQ(last_status_, 400);
  asg("Action=UpdateAutoScalingGroup&AutoScalingGroupName=web&HealthCheckType=TCP");
  EXPECT_EQ(last_status_, 400);
}

TEST_F(AutoScalingApiTest, UnhealthyInstanceIsReplacedAndActivitiesShowIt) {
  auto id = *cloud_.kind<cloud::Groups>().find("web")->members.begin();
  asg("Action=SetInstanceHealth&InstanceId=" + id + "&HealthStatus=Unhealthy");
  EXPECT_EQ(last_status_, 200);
  EXPECT_EQ(cloud_.kind<cloud::Groups>().find("web")->members.count(id), 0u);
  run_for(std::chrono::seconds(2));
  EXPECT_EQ(cloud_.kind<cloud::Groups>().find("web")->members.size(), 2u);
  auto body = asg("Action=DescribeScalingActivities&AutoScalingGroupName=web&MaxRecords=2");
  EXPECT_EQ(count_of(body, "<ActivityId>"), 2);
  // Newest first: the replacement launch, then the termination the health check caused.
  auto launch = body.find("Launching a new EC2 instance");
  auto terminate = body.find("Terminating EC2 instance: " + id);
  ASSERT_NE(launch, std::string::npos) << body;
  ASSERT_NE(terminate, std::string::npos) << body;
  EXPECT_LT(launch, terminate);
  EXPECT_NE(body.find("<NextToken>2</NextToken>"), std::string::npos);
  asg("Action=SetInstanceHealth&InstanceId=i-00000000000000000&HealthStatus=Unhealthy");
  EXPECT_EQ(last_status_, 400);
  asg("Action=SetInstanceHealth&InstanceId=" + id + "&HealthStatus=Sick");
  EXPECT_EQ(last_status_, 400);
}

TEST_F(AutoScalingApiTest, UnsupportedActionIsNotImplemented) {
  auto body = asg("Action=CreateAutoScalingGroup&AutoScalingGroupName=x");
  EXPECT_EQ(last_status_, 501);
  EXPECT_NE(body.find("CreateAutoScalingGroup"), std::string::npos);
}

}  // namespace
}  // namespace faultbox::api
