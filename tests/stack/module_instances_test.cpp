// count and for_each on module blocks: addresses module.m[0] / module.m["k"], each instance
// with its own inputs, module.m as a tuple or object of the instances' outputs.
#include <gtest/gtest.h>

#include "fake_provider.h"
#include "stack/stack.h"

namespace faultbox::stack {
namespace {

using testing::FakeProvider;

StackInput input_with(const std::string& root) {
  StackInput input;
  input.directory = "/stacks/app";
  input.files["main.tf.json"] = root;
  input.files["modules/web/main.tf.json"] = R"({
    "variable": {"label": {"type": "string"}, "zone": {"type": "string"}},
    "resource": {"aws_instance": {"web": {"ami": "ami-1", "availability_zone": "${var.zone}",
                                           "tags": {"Name": "${var.label}"}}}},
    "output": {"name": {"value": "${aws_instance.web.tags.Name}"}}
  })";
  return input;
}

TEST(ModuleInstancesTest, CountGivesIndexedInstancesAndATupleOfOutputs) {
  FakeProvider provider;
  State state;
  auto input = input_with(R"({
    "variable": {"n": {"type": "number", "default": 2}},
    "locals": {"zones": ["eu-west-2a", "eu-west-2b", "eu-west-2c"]},
    "module": {"web": {"source": "./modules/web", "count": "${var.n}",
                       "label": "web-${count.index}", "zone": "${local.zones[count.index]}"}},
    "output": {"names": {"value": "${module.web[*].name}"},
               "last": {"value": "${module.web[var.n - 1].name}"}}
  })");
  auto applied = apply(input, state, provider);
  ASSERT_TRUE(applied) << applied.error().message;
  EXPECT_EQ(state.instance_addresses(),
            (std::vector<std::string>{"module.web[0].aws_instance.web",
                                      "module.web[1].aws_instance.web"}));
  EXPECT_EQ(state.find_instance("module.web[1].aws_instance.web")
                ->attributes.find("availability_zone")->as_string(), "eu-west-2b");
  EXPECT_EQ(expr::to_json(applied->outputs.at("names").value).dump(), R"(["web-0","web-1"])");
  EXPECT_EQ(applied->outputs.at("last").value.as_string(), "web-1");
  EXPECT_EQ(state_to_json(state)["resources"][1]["module"], "module.web[1]");

  auto again = plan(input, state, provider);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_FALSE(again->has_changes());
  input.vars.emplace_back("n", "1");
  auto shrunk = apply(input, state, provider);
  ASSERT_TRUE(shrunk) << shrunk.error().message;
  EXPECT_EQ(shrunk->destroyed, 1);
  EXPECT_EQ(state.instance_addresses(),
            std::vector<std::string>{"module.web[0].aws_instance.web"});
}

TEST(ModuleInstancesTest, ForEachGivesKeyedInstancesAndAnObjectOfOutputs) {
  FakeProvider provider;
  State state;
  auto applied = apply(input_with(R"({
    "module": {"web": {"source": "./modules/web",
                       "for_each": "${{blue = \"eu-west-2a\", green = \"eu-west-2c\"}}",
                       "label": "${each.key}", "zone": "${each.value}"}},
    "output": {"green": {"value": "${module.web[\"green\"].name}"},
               "keys": {"value": "${keys(module.web)}"}}
  })"), state, provider);
  ASSERT_TRUE(applied) << applied.error().message;
  EXPECT_NE(state.find_instance("module.web[\"green\"].aws_instance.web"), nullptr);
  EXPECT_EQ(state.find_instance("module.web[\"blue\"].aws_instance.web")
                ->attributes.find("availability_zone")->as_string(), "eu-west-2a");
  EXPECT_EQ(applied->outputs.at("green").value.as_string(), "green");
  EXPECT_EQ(expr::to_json(applied->outputs.at("keys").value).dump(), R"(["blue","green"])");
}

TEST(ModuleInstancesTest, ACountFromResourcesIsAnError) {
  FakeProvider provider;
  State state;
  auto applied = apply(input_with(R"({
    "resource": {"aws_instance": {"a": {"ami": "x"}}},
    "module": {"web": {"source": "./modules/web", "count": "${length(aws_instance.a.id)}",
                       "label": "x", "zone": "y"}}
  })"), state, provider);
  ASSERT_FALSE(applied);
  EXPECT_NE(applied.error().message.find("a module's count may use only variables and locals"),
            std::string::npos)
      << applied.error().message;
  EXPECT_TRUE(state.resources.empty());
}

}  // namespace
}  // namespace faultbox::stack
