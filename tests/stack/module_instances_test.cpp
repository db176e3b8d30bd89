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
                ->attributes.find("availability_zone")
                ->as_string(),
            "eu-west-2b");
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
  EXPECT_EQ(state.instance_addresses(), std::vector<std::string>{"module.web[0].aws_instance.web"});
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
  })"),
                       state, provider);
  ASSERT_TRUE(applied) << applied.error().message;
  EXPECT_NE(state.find_instance("module.web[\"green\"].aws_instance.web"), nullptr);
  EXPECT_EQ(state.find_instance("module.web[\"blue\"].aws_instance.web")
                ->attributes.find("availability_zone")
                ->as_string(),
            "eu-west-2a");
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
  })"),
                       state, provider);
  ASSERT_FALSE(applied);
  EXPECT_NE(applied.error().message.find("a module's count may use only variables and locals"),
            std::string::npos)
      << applied.error().message;
  EXPECT_TRUE(state.resources.empty());
}

// An app module called twice, each calling a net module with its own count of subnets.
StackInput nested_input(const std::string& root) {
  StackInput input;
  input.directory = "/stacks/app";
  input.files["main.tf.json"] = root;
  input.files["modules/app/main.tf.json"] = R"json({
    "variable": {"subnets": {"type": "number"}, "name": {"type": "string"}},
    "locals": {"prefix": "${var.name}-net"},
    "module": {"net": {"source": "../net", "count": "${var.subnets > 0 ? 1 : 0}",
                       "n": "${var.subnets}", "label": "${local.prefix}"}},
    "output": {"subnet_ids": {"value": "${flatten(module.net[*].ids)}"},
               "nets": {"value": "${length(module.net)}"}}
  })json";
  input.files["modules/net/main.tf.json"] = R"json({
    "variable": {"n": {"type": "number"}, "label": {"type": "string"}},
    "resource": {"aws_instance": {"public": {"count": "${var.n}", "ami": "ami-1",
                                           "private_ip": "${cidrhost(cidrsubnet(\"10.0.0.0/16\", 8, count.index), 5)}",
                                           "tags": {"Name": "${var.label}-${count.index}"}}}},
    "output": {"ids": {"value": "${aws_instance.public[*].tags.Name}"}}
  })json";
  return input;
}

TEST(ModuleInstancesTest, CountOnANestedModuleGivesTerraformAddresses) {
  FakeProvider provider;
  State state;
  auto input = nested_input(R"json({
    "variable": {"sizes": {"type": "list(number)", "default": [1, 2]}},
    "module": {"app": {"source": "./modules/app", "count": "${length(var.sizes)}",
                       "subnets": "${var.sizes[count.index]}", "name": "app${count.index}"}},
    "output": {"first": {"value": "${module.app[0].subnet_ids}"},
               "all": {"value": "${module.app[*].subnet_ids}"},
               "apps": {"value": "${length(module.app)}"}}
  })json");
  auto applied = apply(input, state, provider);
  ASSERT_TRUE(applied) << applied.error().message;
  EXPECT_EQ(state.instance_addresses(),
            (std::vector<std::string>{"module.app[0].module.net[0].aws_instance.public[0]",
                                      "module.app[1].module.net[0].aws_instance.public[0]",
                                      "module.app[1].module.net[0].aws_instance.public[1]"}));
  EXPECT_EQ(expr::to_json(applied->outputs.at("first").value).dump(), R"(["app0-net-0"])");
  EXPECT_EQ(expr::to_json(applied->outputs.at("all").value).dump(),
            R"([["app0-net-0"],["app1-net-0","app1-net-1"]])");
  EXPECT_EQ(applied->outputs.at("apps").value.as_number(), 2);
  EXPECT_EQ(state_to_json(state)["resources"][1]["module"], "module.app[1].module.net[0]");
  EXPECT_EQ(state_to_json(state)["resources"][1]["instances"].size(), 2u);
  auto again = plan(input, state, provider);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_FALSE(again->has_changes());
}

TEST(ModuleInstancesTest, ANestedModuleWithCountZeroIsAnEmptyTuple) {
  FakeProvider provider;
  State state;
  auto applied = apply(nested_input(R"json({
    "module": {"app": {"source": "./modules/app", "subnets": 0, "name": "solo"}},
    "output": {"nets": {"value": "${module.app.nets}"},
               "ids": {"value": "${module.app.subnet_ids}"}}
  })json"),
                       state, provider);
  ASSERT_TRUE(applied) << applied.error().message;
  EXPECT_TRUE(state.instance_addresses().empty());
  EXPECT_EQ(applied->outputs.at("nets").value.as_number(), 0);
  EXPECT_EQ(expr::to_json(applied->outputs.at("ids").value).dump(), "[]");
}

TEST(ModuleInstancesTest, ARootModuleWithCountZeroIsAnEmptyTupleAndForEachEmptyAnObject) {
  FakeProvider provider;
  State state;
  auto applied = apply(input_with(R"json({
    "module": {"web": {"source": "./modules/web", "count": 0, "label": "x", "zone": "y"},
               "keyed": {"source": "./modules/web", "for_each": "${{}}", "label": "x",
                         "zone": "y"}},
    "output": {"web": {"value": "${module.web}"},
               "n": {"value": "${length(module.web)}"},
               "names": {"value": "${module.web[*].name}"},
               "keyed": {"value": "${module.keyed}"}}
  })json"),
                       state, provider);
  ASSERT_TRUE(applied) << applied.error().message;
  EXPECT_TRUE(state.instance_addresses().empty());
  EXPECT_EQ(expr::to_json(applied->outputs.at("web").value).dump(), "[]");
  EXPECT_EQ(applied->outputs.at("n").value.as_number(), 0);
  EXPECT_EQ(expr::to_json(applied->outputs.at("names").value).dump(), "[]");
  EXPECT_EQ(expr::to_json(applied->outputs.at("keyed").value).dump(), "{}");
}

TEST(ModuleInstancesTest, ForEachOnANestedModuleReadsTheCallersEachValue) {
  FakeProvider provider;
  State state;
  StackInput input;
  input.directory = "/stacks/app";
  input.files["main.tf.json"] = R"json({
    "module": {"env": {"source": "./modules/env",
                       "for_each": "${{prod = [\"a\", \"b\"], dev = [\"c\"]}}",
                       "zones": "${each.value}"}}
  })json";
  input.files["modules/env/main.tf.json"] = R"json({
    "variable": {"zones": {"type": "list(string)"}},
    "module": {"zone": {"source": "../zone", "for_each": "${toset(var.zones)}",
                        "az": "${each.key}"}}
  })json";
  input.files["modules/zone/main.tf.json"] = R"json({
    "variable": {"az": {"type": "string"}},
    "resource": {"aws_instance": {"web": {"ami": "x", "availability_zone": "${var.az}"}}}
  })json";
  auto applied = apply(input, state, provider);
  ASSERT_TRUE(applied) << applied.error().message;
  EXPECT_EQ(state.instance_addresses(),
            (std::vector<std::string>{"module.env[\"dev\"].module.zone[\"c\"].aws_instance.web",
                                      "module.env[\"prod\"].module.zone[\"a\"].aws_instance.web",
                                      "module.env[\"prod\"].module.zone[\"b\"].aws_instance.web"}));
}

}  // namespace
}  // namespace faultbox::stack
