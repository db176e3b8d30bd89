// aws_fis_experiment_template from a stack: Terraform's blocks become a FIS template that the
// lab validates, updates in place and deletes (fake processes, manual clock).
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <filesystem>

#include "cloud/cloud.h"
#include "cloud/fis_service.h"
#include "cloud/region_services.h"
#include "cloud/resource_change.h"
#include "cloud/stack_provider.h"
#include "expr/value.h"
#include "support/fake_supervisor.h"

namespace faultbox::cloud {
namespace {

using expr::Value;
using nlohmann::json;

Value str(const std::string& s) { return Value::string(s); }
Value kv(const std::string& k, const std::string& v) {
  return Value::object({{"key", str(k)}, {"value", str(v)}});
}

class FisTemplateResourceTest : public ::testing::Test {
 protected:
  FisTemplateResourceTest()
      : cloud_(clock_, supervisor_, control_, data_, options()), provider_(cloud_) {}

  static CloudOptions options() {
    CloudOptions o;
    o.data_dir = std::filesystem::temp_directory_path() / "faultbox-fis-resource-test";
    o.faultbox_binary = "/opt/faultbox/bin/faultbox";
    return o;
  }

  stack::ResourceChange change(const std::string& type, const std::string& name, Value config) {
    return testing::resource_change(type, name, std::move(config));
  }

  // The seed's template in the provider's block syntax, with `mode` as selection mode.
  Value template_config(const std::string& mode, const std::string& role_arn) {
    auto target_ref = Value::tuple({kv("Instances", "pandas")});
    return Value::object({
        {"description", str("Stop step03 instances")},
        {"role_arn", str(role_arn)},
        {"stop_condition", Value::tuple({Value::object({{"source", str("none")}})})},
        {"action",
         Value::tuple({Value::object({{"name", str("stop1")},
                                      {"action_id", str("aws:ec2:stop-instances")},
                                      {"target", target_ref}}),
                       Value::object({{"name", str("pause")},
                                      {"action_id", str("aws:fis:wait")},
                                      {"parameter", Value::tuple({kv("duration", "PT3M")})},
                                      {"start_after", Value::tuple({str("stop1")})}})})},
        {"target", Value::tuple({Value::object(
                       {{"name", str("pandas")},
                        {"resource_type", str("aws:ec2:instance")},
                        {"selection_mode", str(mode)},
                        {"resource_tag", Value::tuple({kv("Panda", "funky")})},
                        {"filter", Value::tuple({Value::object(
                                       {{"path", str("State.Name")},
                                        {"values", Value::tuple({str("running")})}})})}})})},
        {"tags", Value::object({{"Name", str("step03")}})},
    });
  }

  std::string make_role() {
    const std::string trust =
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)"
        R"("Principal":{"Service":"fis.amazonaws.com"},"Action":"sts:AssumeRole"}]})";
    auto role = provider_.create(change(
        "aws_iam_role", "fis",
        Value::object({{"name", str("funky-fis-role")}, {"assume_role_policy", str(trust)}})));
    EXPECT_TRUE(role);
    return role->find("arn")->as_string();
  }

  ManualClock clock_;
  testing::FakeSupervisor supervisor_;
  boost::asio::io_context control_;
  boost::asio::io_context data_;
  Cloud cloud_;
  CloudProvider provider_;
};

TEST_F(FisTemplateResourceTest, BlocksBecomeAFisTemplateThatUpdatesInPlaceAndIsDeleted) {
  auto role_arn = make_role();
  auto c = change("aws_fis_experiment_template", "step03", template_config("COUNT(2)", role_arn));
  ASSERT_TRUE(provider_.validate(c));
  auto state = provider_.create(c);
  ASSERT_TRUE(state) << state.error().to_string();
  auto id = state->find("id")->as_string();
  EXPECT_EQ(id.rfind("EXT", 0), 0u);
  EXPECT_NE(state->find("arn")->as_string().find(":experiment-template/" + id), std::string::npos);

  auto got = fis_service::get_template(cloud_, "eu-west-2", id);
  ASSERT_TRUE(got);
  const json& t = (*got)["experimentTemplate"];
  EXPECT_EQ(t["targets"]["pandas"]["selectionMode"], "COUNT(2)");
  EXPECT_EQ(t["targets"]["pandas"]["resourceTags"]["Panda"], "funky");
  EXPECT_EQ(t["targets"]["pandas"]["filters"][0]["path"], "State.Name");
  EXPECT_EQ(t["actions"]["stop1"]["targets"]["Instances"], "pandas");
  EXPECT_EQ(t["actions"]["pause"]["parameters"]["duration"], "PT3M");
  EXPECT_EQ(t["actions"]["pause"]["startAfter"], json::array({"stop1"}));
  EXPECT_EQ(t["tags"]["Name"], "step03");

  c.state = *state;
  c.config = template_config("ALL", role_arn);
  auto updated = provider_.update(c);
  ASSERT_TRUE(updated) << updated.error().to_string();
  EXPECT_EQ(updated->find("id")->as_string(), id);
  auto after = fis_service::get_template(cloud_, "eu-west-2", id);
  EXPECT_EQ((*after)["experimentTemplate"]["targets"]["pandas"]["selectionMode"], "ALL");

  c.state = *updated;
  ASSERT_TRUE(provider_.destroy(c));
  EXPECT_FALSE(fis_service::get_template(cloud_, "eu-west-2", id));
}

TEST_F(FisTemplateResourceTest, AnUnknownRoleIsRefusedAtApplyWithFisWording) {
  auto c = change("aws_fis_experiment_template", "step03",
                  template_config("COUNT(2)", "arn:aws:iam::000000000000:role/nobody"));
  ASSERT_TRUE(provider_.validate(c));  // the role may come from the same apply
  auto state = provider_.create(c);
  ASSERT_FALSE(state);
  EXPECT_EQ(state.error().code, "ValidationException");
  EXPECT_NE(state.error().message.find("nobody"), std::string::npos);
  EXPECT_TRUE(fis_service::list_templates(cloud_, "eu-west-2")["experimentTemplates"].empty());
}

TEST_F(FisTemplateResourceTest, AMissingBlockAttributeIsAPlanTimeError) {
  auto c = change("aws_fis_experiment_template", "step03",
                  Value::object({{"description", str("x")},
                                 {"role_arn", str("arn:aws:iam::000000000000:role/r")},
                                 {"action", Value::tuple({Value::object({{"name", str("a")}})})}}));
  auto bad = provider_.validate(c);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("action_id"), std::string::npos);
}

}  // namespace
}  // namespace faultbox::cloud
