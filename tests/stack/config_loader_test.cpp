// Loading of JSON and YAML configuration: block forms, templates, meta-arguments.
#include "stack/config_loader.h"

#include <gtest/gtest.h>

#include "stack/graph.h"

namespace faultbox::stack {
namespace {

TEST(ConfigLoader, AcceptsTerraformArrayForms) {
  auto config = load_config({{"main.tf.json", R"({
    "//": "comments are skipped",
    "resource": [
      {"aws_instance": [{"a": [{"ami": "x"}]}, {"b": {"ami": "y", "depends_on": ["aws_instance.a"],
                                                      "lifecycle": {"create_before_destroy": true},
                                                      "provider": "aws"}}]}
    ],
    "variable": [{"v": {"default": 1}}],
    "locals": [{"l1": 1}, {"l2": "${local.l1}"}],
    "output": {"o": [{"value": "${aws_instance.b.id}", "sensitive": true}]}
  })"}});
  ASSERT_TRUE(config) << config.error().message;
  ASSERT_EQ(config->resources.size(), 2u);
  EXPECT_EQ(config->resources[1].address(), "aws_instance.b");
  EXPECT_EQ(config->resources[1].depends_on[0].to_string(), "aws_instance.a");
  EXPECT_EQ(config->resources[1].body.attributes.size(), 1u);  // only "ami"
  EXPECT_EQ(config->locals.size(), 2u);
  EXPECT_TRUE(config->outputs[0].sensitive);
  auto graph = Graph::build(*config);
  ASSERT_TRUE(graph) << graph.error().message;
  EXPECT_EQ(graph->resource_dependencies("aws_instance.b"),
            std::vector<std::string>{"aws_instance.a"});
}

TEST(ConfigLoader, YamlIsTypedLikeJson) {
  auto config = load_config({{"main.tf.yml", R"(
resource:
  aws_instance:
    a:
      count: 2
      monitoring: true
      note: "true"
      ratio: 1.5
      empty: ~
)"}});
  ASSERT_TRUE(config) << config.error().message;
  const Body& body = config->resources[0].body;
  auto literal = [&](const char* key) {
    const auto* lit = std::get_if<expr::LiteralNode>(&body.find(key)->leaf.root().data);
    return lit ? lit->value : expr::Value::unknown();
  };
  EXPECT_TRUE(config->resources[0].count.has_value());
  EXPECT_EQ(literal("monitoring"), expr::Value::boolean(true));
  EXPECT_EQ(literal("ratio"), expr::Value::number(1.5));
  EXPECT_TRUE(literal("empty").is_null());
  EXPECT_EQ(body.find("note")->kind, Body::Kind::Leaf);  // a quoted scalar stays a string
}

TEST(ConfigLoader, FilesMergeAndOthersAreIgnored) {
  auto config = load_config({{"a.tf.json", R"({"variable": {"x": {}}})"},
                             {"b.tf.yaml", "variable:\n  y: {}\n"},
                             {"README.md", "# not config"}});
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->variables.size(), 2u);
  EXPECT_FALSE(load_config({{"README.md", "x"}}));
}

TEST(ConfigLoader, RejectsUnsupportedArguments) {
  auto config = load_config({{"m.tf.json", R"({"variable": {"x": {"typo": 1}}})"}});
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().message, "m.tf.json: variable x: unsupported argument \"typo\"");
  auto output = load_config({{"m.tf.json", R"({"output": {"o": {"description": "d"}}})"}});
  ASSERT_FALSE(output);
  EXPECT_NE(output.error().message.find("\"value\" is required"), std::string::npos);
}

TEST(GraphTest, OrderPutsDependenciesFirst) {
  auto config = load_config({{"m.tf.json", R"({
    "variable": {"n": {"default": "x"}},
    "locals": {"name": "${var.n}-${aws_instance.a.id}"},
    "resource": {"aws_instance": {"b": {"tag": "${local.name}"}, "a": {"ami": "x"}}},
    "output": {"o": {"value": "${aws_instance.b.id}"}}
  })"}});
  ASSERT_TRUE(config) << config.error().message;
  auto graph = Graph::build(*config);
  ASSERT_TRUE(graph) << graph.error().message;
  const auto& order = graph->order();
  auto at = [&](const std::string& key) {
    return std::find(order.begin(), order.end(), key) - order.begin();
  };
  EXPECT_LT(at("aws_instance.a"), at("local.name"));
  EXPECT_LT(at("local.name"), at("aws_instance.b"));
  EXPECT_LT(at("aws_instance.b"), at("output.o"));
  EXPECT_EQ(graph->resource_dependencies("aws_instance.b"),
            std::vector<std::string>{"aws_instance.a"});
  EXPECT_EQ(
      destroy_order({"aws_instance.a", "aws_instance.b"}, {{"aws_instance.b", {"aws_instance.a"}}}),
      (std::vector<std::string>{"aws_instance.b", "aws_instance.a"}));
}

TEST(GraphTest, CycleThroughALocalIsReported) {
  auto config = load_config({{"m.tf.json", R"({
    "locals": {"x": "${aws_instance.a.id}"},
    "resource": {"aws_instance": {"a": {"tag": "${local.x}"}}}
  })"}});
  ASSERT_TRUE(config);
  auto graph = Graph::build(*config);
  ASSERT_FALSE(graph);
  EXPECT_EQ(graph.error().message,
            "m.tf.json: resource aws_instance.a: dependency cycle: local.x -> aws_instance.a -> "
            "local.x");
}

}  // namespace
}  // namespace faultbox::stack
