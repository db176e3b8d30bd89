// Plan/apply/destroy of a step03-like stack against the fake provider.
#include "stack/stack.h"

#include <gtest/gtest.h>

#include "stack/fake_provider.h"
#include "stack/render.h"
#include "stack/step03_fixture.h"

namespace faultbox::stack {
namespace {

using testing::FakeProvider;
using testing::step03_input;

class Step03Test : public ::testing::Test {
 protected:
  ApplyResult apply_ok(const StackInput& input) {
    auto result = apply(input, state_, provider_);
    EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().message);
    return result ? *result : ApplyResult{};
  }

  FakeProvider provider_;
  State state_;
};

TEST_F(Step03Test, PlanListsEveryCreationAndUnknownOutput) {
  auto planned = plan(step03_input(), state_, provider_);
  ASSERT_TRUE(planned) << planned.error().message;
  EXPECT_EQ(planned->count(Action::Create), 5);
  EXPECT_TRUE(provider_.calls.empty());
  EXPECT_TRUE(planned->outputs.at("elb_url").value.is_unknown());
  std::string text = render_plan(*planned);
  EXPECT_NE(text.find("  # aws_elb.this will be created"), std::string::npos) << text;
  EXPECT_NE(text.find("  + resource \"aws_elb\" \"this\" {"), std::string::npos) << text;
  EXPECT_NE(text.find("Plan: 5 to add, 0 to change, 0 to destroy."), std::string::npos) << text;
  EXPECT_NE(text.find("+ elb_url = (known after apply)"), std::string::npos) << text;
  EXPECT_EQ(planned->region, "eu-west-2");
}

TEST_F(Step03Test, ApplyCreatesInDependencyOrderAndReportsOutputs) {
  ApplyResult result = apply_ok(step03_input());
  EXPECT_EQ(result.added, 5);
  EXPECT_LT(provider_.position("create aws_elb.this"),
            provider_.position("create aws_autoscaling_group.web"));
  EXPECT_LT(provider_.position("create aws_launch_template.web"),
            provider_.position("create aws_autoscaling_group.web"));
  EXPECT_LT(provider_.position("create aws_elb.this"),
            provider_.position("create aws_cloudwatch_metric_alarm.elb_5xx"));
  const auto& url = result.outputs.at("elb_url").value;
  ASSERT_TRUE(url.is_string());
  EXPECT_EQ(url.as_string().rfind("http://aws_elb-", 0), 0u) << url.as_string();
  std::string text = render_apply(result);
  EXPECT_NE(text.find("Apply complete! Resources: 5 added, 0 changed, 0 destroyed."),
            std::string::npos);
  EXPECT_NE(text.find("Outputs:\n\nasg_name = \"red-panda-step03-asg\"\nelb_url = \"http://"),
            std::string::npos)
      << text;
}

TEST_F(Step03Test, ReferencesSeeAppliedValues) {
  apply_ok(step03_input());
  const InstanceState* asg = state_.find_instance("aws_autoscaling_group.web");
  const InstanceState* lt = state_.find_instance("aws_launch_template.web");
  ASSERT_TRUE(asg && lt);
  EXPECT_EQ(*asg->attributes.find("launch_template")->find("id"), *lt->attributes.find("id"));
  EXPECT_EQ(asg->attributes.find("load_balancers")->elements()[0].as_string(),
            "red-panda-step03-elb");
  EXPECT_EQ(asg->attributes.find("tags_all")->find("Panda")->as_string(), "red-panda");
  EXPECT_EQ(asg->dependencies,
            (std::vector<std::string>{"aws_elb.this", "aws_launch_template.web"}));
  const auto* policy =
      state_.find_instance("aws_iam_role.fis")->attributes.find("assume_role_policy");
  EXPECT_NE(policy->as_string().find("fis.amazonaws.com"), std::string::npos);
}

TEST_F(Step03Test, ReapplyIsANoOp) {
  apply_ok(step03_input());
  provider_.calls.clear();
  auto planned = plan(step03_input(), state_, provider_);
  ASSERT_TRUE(planned);
  EXPECT_FALSE(planned->has_changes());
  EXPECT_NE(render_plan(*planned).find("No changes."), std::string::npos);
  ApplyResult again = apply_ok(step03_input());
  EXPECT_EQ(again.added + again.changed + again.destroyed, 0);
  EXPECT_TRUE(provider_.calls.empty());
}

TEST_F(Step03Test, PlanSaysWhatACutShortApplyLeftForThisApplyToTakeBack) {
  provider_.unrecorded = {"aws_elb.this"};
  auto planned = plan(step03_input(), state_, provider_);
  ASSERT_TRUE(planned) << planned.error().message;
  EXPECT_EQ(planned->created_unrecorded, std::vector<std::string>{"aws_elb.this"});
  std::string text = render_plan(*planned);
  EXPECT_NE(text.find("Note: the last apply of this stack was cut short"), std::string::npos)
      << text;
  EXPECT_NE(text.find("# aws_elb.this was created then; this apply takes it back"),
            std::string::npos)
      << text;
  provider_.unrecorded.clear();
  planned = plan(step03_input(), state_, provider_);
  ASSERT_TRUE(planned);
  EXPECT_EQ(render_plan(*planned).find("cut short"), std::string::npos);
}

TEST_F(Step03Test, PlanRefreshesAResourceDeletedOutsideTheStackAndApplyMakesItAgain) {
  apply_ok(step03_input());
  auto old_id = state_.find_instance("aws_elb.this")->attributes.find("id")->as_string();
  provider_.deleted_outside = {"aws_elb.this"};
  provider_.calls.clear();

  auto planned = plan(step03_input(), state_, provider_);
  ASSERT_TRUE(planned) << planned.error().message;
  EXPECT_EQ(planned->deleted_outside, std::vector<std::string>{"aws_elb.this"});
  EXPECT_EQ(planned->count(Action::Create), 1);
  EXPECT_EQ(planned->count(Action::Delete), 0);
  std::string text = render_plan(*planned);
  EXPECT_NE(text.find("# aws_elb.this has been deleted"), std::string::npos) << text;
  EXPECT_NE(text.find("Plan: 1 to add, 0 to change, 0 to destroy."), std::string::npos) << text;
  EXPECT_TRUE(provider_.calls.empty());

  ApplyResult result = apply_ok(step03_input());
  provider_.deleted_outside.clear();
  EXPECT_EQ(result.added, 1);
  EXPECT_EQ(provider_.calls, std::vector<std::string>{"create aws_elb.this"});
  EXPECT_NE(state_.find_instance("aws_elb.this")->attributes.find("id")->as_string(), old_id);
  auto again = plan(step03_input(), state_, provider_);
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->has_changes()) << render_plan(*again);
}

TEST_F(Step03Test, ChangingDesiredCapacityUpdatesOnlyTheGroup) {
  apply_ok(step03_input());
  provider_.calls.clear();
  StackInput input = step03_input();
  input.vars.emplace_back("desired_capacity", "4");
  auto planned = plan(input, state_, provider_);
  ASSERT_TRUE(planned);
  EXPECT_EQ(planned->count(Action::Update), 1);
  EXPECT_NE(render_plan(*planned).find("~ desired_capacity = 3 -> 4"), std::string::npos)
      << render_plan(*planned);
  ApplyResult result = apply_ok(input);
  EXPECT_EQ(result.changed, 1);
  EXPECT_EQ(provider_.calls, std::vector<std::string>{"update aws_autoscaling_group.web"});
  EXPECT_EQ(state_.find_instance("aws_autoscaling_group.web")
                ->attributes.find("desired_capacity")
                ->as_number(),
            4);
}

TEST_F(Step03Test, RemovingAResourceDestroysIt) {
  apply_ok(step03_input());
  provider_.calls.clear();
  StackInput input = step03_input();
  auto doc = nlohmann::json::parse(input.files["main.tf.json"]);
  doc["resource"].erase("aws_cloudwatch_metric_alarm");
  input.files["main.tf.json"] = doc.dump();
  ApplyResult result = apply_ok(input);
  EXPECT_EQ(result.destroyed, 1);
  EXPECT_EQ(provider_.calls,
            std::vector<std::string>{"destroy aws_cloudwatch_metric_alarm.elb_5xx"});
  EXPECT_EQ(state_.find_instance("aws_cloudwatch_metric_alarm.elb_5xx"), nullptr);
}

TEST_F(Step03Test, DestroyRunsInReverseDependencyOrder) {
  apply_ok(step03_input());
  provider_.calls.clear();
  Plan preview = destroy_plan(state_);
  EXPECT_EQ(preview.count(Action::Delete), 5);
  auto result = destroy(state_, provider_);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->destroyed, 5);
  EXPECT_LT(provider_.position("destroy aws_autoscaling_group.web"),
            provider_.position("destroy aws_elb.this"));
  EXPECT_LT(provider_.position("destroy aws_autoscaling_group.web"),
            provider_.position("destroy aws_launch_template.web"));
  EXPECT_LT(provider_.position("destroy aws_cloudwatch_metric_alarm.elb_5xx"),
            provider_.position("destroy aws_elb.this"));
  EXPECT_TRUE(state_.resources.empty());
  EXPECT_TRUE(provider_.live.empty());
  EXPECT_NE(render_destroy(*result).find("Destroy complete! Resources: 5 destroyed."),
            std::string::npos);
}

TEST_F(Step03Test, ProviderFailureMidwayKeepsStateConsistent) {
  provider_.fail_on = "aws_autoscaling_group.web";
  auto result = apply(step03_input(), state_, provider_);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("aws_autoscaling_group.web: create failed"),
            std::string::npos)
      << result.error().message;
  EXPECT_EQ(state_.find_instance("aws_autoscaling_group.web"), nullptr);
  for (const auto& address : provider_.live) {
    EXPECT_NE(state_.find_instance(address), nullptr) << address;
  }
  EXPECT_EQ(state_.instance_addresses().size(), provider_.live.size());
  int created_before = static_cast<int>(provider_.live.size());
  provider_.fail_on.clear();
  ApplyResult retry = apply_ok(step03_input());
  EXPECT_EQ(retry.added, 5 - created_before);
}

TEST(StackCountTest, CountExpandsInstancesAndShrinkDestroysTheExtra) {
  FakeProvider provider;
  State state;
  StackInput input;
  input.files["main.tf.yaml"] = R"(
variable:
  n: {type: number, default: 3}
resource:
  aws_instance:
    web:
      count: ${var.n}
      ami: ami-1
      tags: {Name: "web-${count.index}"}
output:
  names: {value: "${aws_instance.web[*].tags.Name}"}
)";
  auto first = apply(input, state, provider);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->added, 3);
  ASSERT_NE(state.find_instance("aws_instance.web[2]"), nullptr);
  EXPECT_EQ(state.find_instance("aws_instance.web[2]")
                ->attributes.find("tags")
                ->find("Name")
                ->as_string(),
            "web-2");
  EXPECT_EQ(first->outputs.at("names").value.elements().size(), 3u);
  input.vars.emplace_back("n", "1");
  auto second = apply(input, state, provider);
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->destroyed, 2);
  EXPECT_EQ(state.instance_addresses(), std::vector<std::string>{"aws_instance.web[0]"});
}

// The workshop's init: `default_tags { tags = { Project = local.playground_name } }`. The
// provider's tags read a local, so every resource comes after that local is known.
TEST(StackDefaultTagsTest, ProviderTagsMayReadLocals) {
  FakeProvider provider;
  State state;
  StackInput input;
  input.files["main.tf.yaml"] = R"(
provider:
  aws:
    region: eu-west-2
    default_tags: {tags: {Project: "${local.playground}", Panda: "${var.panda}"}}
variable:
  panda: {default: funky}
locals:
  playground: "devops_${var.panda}"
resource:
  aws_instance:
    web: {ami: ami-1, tags: {Name: web}}
)";
  auto planned = plan(input, state, provider);
  ASSERT_TRUE(planned) << planned.error().message;
  auto applied = apply(input, state, provider);
  ASSERT_TRUE(applied) << applied.error().message;
  const auto* tags = state.find_instance("aws_instance.web")->attributes.find("tags_all");
  ASSERT_NE(tags, nullptr);
  EXPECT_EQ(tags->find("Project")->as_string(), "devops_funky");
  EXPECT_EQ(tags->find("Panda")->as_string(), "funky");
  EXPECT_EQ(tags->find("Name")->as_string(), "web");
  auto again = plan(input, state, provider);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_FALSE(again->has_changes()) << render_plan(*again);
}

TEST(StackIgnoredTest, PlanListsAttributesTheProviderIgnores) {
  FakeProvider provider;
  StackInput input;
  input.files["main.tf.json"] =
      R"({"resource": {"aws_instance": {"a": {"ami": "x", "ignored_by_fake": true}}}})";
  auto planned = plan(input, State{}, provider);
  ASSERT_TRUE(planned) << planned.error().message;
  EXPECT_EQ(planned->resources[0].ignored, std::vector<std::string>{"ignored_by_fake"});
  EXPECT_NE(render_plan(*planned).find("ignored): ignored_by_fake"), std::string::npos);
}

}  // namespace
}  // namespace faultbox::stack
