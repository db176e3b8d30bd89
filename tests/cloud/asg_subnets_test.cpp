// aws_autoscaling_group's vpc_zone_identifier and aws_instance's subnet_id: instances go to the
// AZs of the subnets named (the lab's aws_subnet records); an unknown subnet is an error.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <filesystem>
#include <set>

#include "cloud/cloud.h"
#include "cloud/groups/groups.h"
#include "cloud/resource_change.h"
#include "cloud/stack_provider.h"
#include "expr/value.h"
#include "support/fake_supervisor.h"

namespace faultbox::cloud {
namespace {

using expr::Value;

Value str(const std::string& s) { return Value::string(s); }

class AsgSubnetsTest : public ::testing::Test {
 protected:
  AsgSubnetsTest() : cloud_(clock_, supervisor_, control_, data_, options()), provider_(cloud_) {}

  static CloudOptions options() {
    CloudOptions o;
    o.data_dir = std::filesystem::temp_directory_path() / "faultbox-asg-subnets-test";
    o.faultbox_binary = "/opt/faultbox/bin/faultbox";
    return o;
  }

  stack::ResourceChange change(const std::string& type, const std::string& name, Value config) {
    return testing::resource_change(type, name, std::move(config));
  }

  std::string subnet(const std::string& name, const std::string& az) {
    auto s = provider_.create(change(
        "aws_subnet", name,
        Value::object({{"cidr_block", str("10.0.1.0/24")}, {"availability_zone", str(az)}})));
    EXPECT_TRUE(s) << s.error().to_string();
    return s->find("id")->as_string();
  }

  Value group_config(Value subnets) {
    return Value::object(
        {{"name", str("web")},
         {"min_size", Value::number(2)},
         {"max_size", Value::number(2)},
         {"vpc_zone_identifier", std::move(subnets)},
         {"launch_template", Value::tuple({Value::object({{"name", str("web-lt")}})})}});
  }

  void SetUp() override {
    auto lt = provider_.create(
        change("aws_launch_template", "web",
               Value::object({{"name", str("web-lt")}, {"image_id", str("ami-faultbox-web")}})));
    ASSERT_TRUE(lt) << lt.error().to_string();
  }

  ManualClock clock_;
  testing::FakeSupervisor supervisor_;
  boost::asio::io_context control_;
  boost::asio::io_context data_;
  Cloud cloud_;
  CloudProvider provider_;
};

TEST_F(AsgSubnetsTest, SubnetsDecideTheGroupsZones) {
  std::string c = subnet("c", "eu-west-2c");
  std::string b = subnet("b", "eu-west-2b");
  std::string b2 = subnet("b2", "eu-west-2b");
  auto c_ =
      change("aws_autoscaling_group", "web", group_config(Value::tuple({str(c), str(b), str(b2)})));
  ASSERT_TRUE(provider_.validate(c_));
  auto group = provider_.create(c_);
  ASSERT_TRUE(group) << group.error().to_string();
  const Group* g = cloud_.kind<Groups>().find("web");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->spec.availability_zones, (std::vector<std::string>{"eu-west-2c", "eu-west-2b"}));
  for (int i = 0; i < 3; ++i) {
    clock_.advance(std::chrono::seconds(1));
    cloud_.tick(clock_.now());
  }
  std::set<std::string> zones;
  for (const auto* instance : cloud_.instances().list()) {
    zones.insert(instance->availability_zone);
  }
  EXPECT_EQ(zones, (std::set<std::string>{"eu-west-2b", "eu-west-2c"}));
  // Each instance is in the group's first subnet of its zone.
  for (const auto* instance : cloud_.instances().list()) {
    EXPECT_EQ(instance->subnet_id, instance->availability_zone == "eu-west-2b" ? b : c);
  }
}

TEST_F(AsgSubnetsTest, AnUnknownSubnetIsAnError) {
  auto c_ =
      change("aws_autoscaling_group", "web", group_config(Value::tuple({str("subnet-0nope")})));
  ASSERT_TRUE(provider_.validate(c_));  // the subnet may come from the same apply
  auto group = provider_.create(c_);
  ASSERT_FALSE(group);
  EXPECT_NE(group.error().message.find("the subnet ID 'subnet-0nope' does not exist"),
            std::string::npos)
      << group.error().message;
  EXPECT_EQ(cloud_.kind<Groups>().find("web"), nullptr);
}

// The workshop's step02: `load_balancers = [aws_elb.this.id]` is known only after the balancer is
// created; at plan time the list holds an unknown element and validation lets it through.
TEST_F(AsgSubnetsTest, AListKnownOnlyAfterApplyPassesValidation) {
  auto config = group_config(Value::tuple({str(subnet("a", "eu-west-2a"))}));
  auto attributes = config.attributes();
  attributes["load_balancers"] = Value::tuple({Value::unknown()});
  auto checked =
      provider_.validate(change("aws_autoscaling_group", "web", Value::object(attributes)));
  EXPECT_TRUE(checked) << checked.error().to_string();
}

// The workshop's step01: an instance in a subnet runs in the subnet's AZ and says so.
TEST_F(AsgSubnetsTest, AnInstanceRunsInItsSubnetsZone) {
  std::string b = subnet("b", "eu-west-2b");
  auto created =
      provider_.create(change("aws_instance", "web", Value::object({{"subnet_id", str(b)}})));
  ASSERT_TRUE(created) << created.error().to_string();
  EXPECT_EQ(created->find("availability_zone")->as_string(), "eu-west-2b");
  EXPECT_EQ(created->find("subnet_id")->as_string(), b);
  EXPECT_EQ(cloud_.instances().find(created->find("id")->as_string())->subnet_id, b);
  auto wrong = provider_.create(
      change("aws_instance", "other",
             Value::object({{"subnet_id", str(b)}, {"availability_zone", str("eu-west-2a")}})));
  ASSERT_FALSE(wrong);
  EXPECT_NE(wrong.error().message.find("is not the AZ of subnet"), std::string::npos);
  auto nowhere = provider_.create(
      change("aws_instance", "lost", Value::object({{"subnet_id", str("subnet-0nope")}})));
  ASSERT_FALSE(nowhere);
}

}  // namespace
}  // namespace faultbox::cloud
