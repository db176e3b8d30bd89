// Classic ELB through the gateway (query protocol): descriptions, instance health,
// registrations, the health check, and ELB's errors. The balancer listens on a loopback address
// with ports moved up (no root needed); nothing is sent to it.
#include "api_fixture.h"
#include "cloud/balancers/balancers.h"

namespace faultbox::api {
namespace {

class ElbApiTest : public ApiTest {
 protected:
  ElbApiTest() : ApiTest(moved_ports()) {}
  static cloud::CloudOptions moved_ports() {
    auto o = options();
    o.unprivileged_port_offset = 31000;
    return o;
  }
  void SetUp() override {
    a_ = launch("eu-west-2a");
    b_ = launch("eu-west-2b");
    elb::LoadBalancerConfig config;
    config.name = "web-elb";
    config.listeners = {{80, 80}};
    auto lb =
        cloud_.kind<cloud::Balancers>().put(config, "eu-west-2", {"eu-west-2a", "eu-west-2b"});
    ASSERT_TRUE(lb) << lb.error().to_string();
    ASSERT_TRUE(cloud_.kind<cloud::Balancers>().register_instance("web-elb", a_));
  }
  std::string elb_call(const std::string& form) {
    auto r = query("elasticloadbalancing", "Version=2012-06-01&" + form);
    last_status_ = r.status;
    return r.body;
  }
  std::string a_, b_;
  int last_status_ = 0;
};

TEST_F(ElbApiTest, DescribeLoadBalancersShowsListenersInstancesAndHealthCheck) {
  auto body = elb_call("Action=DescribeLoadBalancers");
  EXPECT_EQ(last_status_, 200);
  EXPECT_NE(body.find("<DescribeLoadBalancersResult><LoadBalancerDescriptions><member>"),
            std::string::npos)
      << body;
  EXPECT_NE(body.find("<LoadBalancerName>web-elb</LoadBalancerName>"), std::string::npos);
  EXPECT_NE(body.find("<Listener><InstancePort>80</InstancePort><InstanceProtocol>HTTP"),
            std::string::npos);
  EXPECT_NE(body.find("<Instances><member><InstanceId>" + a_ +
                      "</InstanceId></member>"
                      "</Instances>"),
            std::string::npos);
  EXPECT_NE(body.find("<HealthCheck><HealthyThreshold>10</HealthyThreshold><Interval>30"
                      "</Interval>"),
            std::string::npos);
  EXPECT_EQ(
      count_of(query("elasticloadbalancing", "Action=DescribeLoadBalancers", "us-east-1").body,
               "<LoadBalancerName>"),
      0);
  auto missing = elb_call("Action=DescribeLoadBalancers&LoadBalancerNames.member.1=nope");
  EXPECT_EQ(last_status_, 400);
  EXPECT_NE(missing.find("<Code>LoadBalancerNotFound</Code><Message>There is no ACTIVE Load "
                         "Balancer named &apos;nope&apos;</Message>"),
            std::string::npos);
}

TEST_F(ElbApiTest, InstanceHealthOfRegisteredAndNamedInstances) {
  auto body = elb_call("Action=DescribeInstanceHealth&LoadBalancerName=web-elb");
  EXPECT_EQ(count_of(body, "<InstanceId>"), 1);
  EXPECT_NE(body.find("<State>OutOfService</State>"), std::string::npos) << body;
  auto named = elb_call("Action=DescribeInstanceHealth&LoadBalancerName=web-elb&"
                        "Instances.member.1.InstanceId=" +
                        b_);
  EXPECT_NE(named.find("<State>Unknown</State>"), std::string::npos) << named;
  elb_call("Action=DescribeInstanceHealth&LoadBalancerName=web-elb&"
           "Instances.member.1.InstanceId=i-00000000000000000");
  EXPECT_EQ(last_status_, 400);
  auto no_name = elb_call("Action=DescribeInstanceHealth");
  EXPECT_NE(no_name.find("<Code>ValidationError</Code>"), std::string::npos);
}

TEST_F(ElbApiTest, RegisterAndDeregisterAnswerWithTheRegisteredSet) {
  auto reg = elb_call("Action=RegisterInstancesWithLoadBalancer&LoadBalancerName=web-elb&"
                      "Instances.member.1.InstanceId=" +
                      b_);
  EXPECT_EQ(last_status_, 200);
  EXPECT_EQ(count_of(reg, "<InstanceId>"), 2);
  auto dereg = elb_call("Action=DeregisterInstancesFromLoadBalancer&LoadBalancerName=web-elb&"
                        "Instances.member.1.InstanceId=" +
                        a_);
  EXPECT_EQ(count_of(dereg, "<InstanceId>"), 1);
  EXPECT_NE(dereg.find(b_), std::string::npos);
  auto bad = elb_call("Action=RegisterInstancesWithLoadBalancer&LoadBalancerName=web-elb&"
                      "Instances.member.1.InstanceId=i-00000000000000000");
  EXPECT_NE(bad.find("<Code>InvalidInstance</Code>"), std::string::npos);
}

TEST_F(ElbApiTest, ConfigureHealthCheckChangesTheCheck) {
  auto body = elb_call("Action=ConfigureHealthCheck&LoadBalancerName=web-elb&"
                       "HealthCheck.Target=HTTP%3A80%2Fhealth&HealthCheck.Interval=10&"
                       "HealthCheck.Timeout=5&HealthCheck.HealthyThreshold=2&"
                       "HealthCheck.UnhealthyThreshold=3");
  EXPECT_EQ(last_status_, 200) << body;
  const auto& hc = cloud_.kind<cloud::Balancers>().find("web-elb")->lb->config().health_check;
  EXPECT_EQ(hc.interval, std::chrono::seconds(10));
  EXPECT_EQ(hc.healthy_threshold, 2);
  // The registration and the listening proxies stay.
  EXPECT_EQ(cloud_.kind<cloud::Balancers>().find("web-elb")->lb->describe_instance_health().size(),
            1u);
  EXPECT_EQ(cloud_.kind<cloud::Balancers>().find("web-elb")->proxies.size(), 1u);
  elb_call("Action=ConfigureHealthCheck&LoadBalancerName=web-elb&HealthCheck.Target=TCP%3A80&"
           "HealthCheck.Interval=10&HealthCheck.Timeout=20&HealthCheck.HealthyThreshold=2&"
           "HealthCheck.UnhealthyThreshold=3");
  EXPECT_EQ(last_status_, 400);  // the timeout must be below the interval
}

}  // namespace
}  // namespace faultbox::api
