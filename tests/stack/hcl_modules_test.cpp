// Stacks as the CLI sends HCL: hcl2json's JSON shape (blocks as lists, "${...}" expressions, the
// HCL text under "//"), local modules, data sources and backend "local".
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "fake_provider.h"
#include "stack/data_sources.h"
#include "stack/stack.h"

namespace faultbox::stack {
namespace {

using Json = nlohmann::json;
using testing::FakeProvider;

// What tools/hcl2json makes of a root module calling ./modules/net, and of the module.
StackInput modules_input() {
  StackInput in;
  in.directory = "/stacks/app";
  in.files["main.tf"] =
      Json{
          {"//", "locals {\n  name = \"app-${var.panda}\"\n}\n"},
          {"variable", {{"panda", Json::array({{{"type", "${string}"}, {"default", "funky"}}})}}},
          {"locals", Json::array({{{"name", "app-${var.panda}"}}})},
          {"terraform",
           Json::array({{{"backend", {{"local", Json::array({{{"path", "state/x.tfstate"}}})}}}}})},
          {"data",
           {{"aws_availability_zones", {{"all", Json::array({Json::object()})}}},
            {"aws_iam_policy_document",
             {{"trust",
               Json::array({{{"statement",
                              Json::array({{{"actions", {"sts:AssumeRole"}},
                                            {"principals",
                                             Json::array({{{"type", "Service"},
                                                           {"identifiers",
                                                            {"fis.amazonaws.com"}}}})}}})}}})}}}}},
          {"module",
           {{"net", Json::array({{{"source", "./modules/net"},
                                  {"prefix", "${local.name}"},
                                  {"zones", "${data.aws_availability_zones.all.names}"}}})}}},
          {"resource",
           {{"aws_elb",
             {{"this",
               Json::array({{{"name", "${module.net.first_name}"},
                             {"lifecycle", Json::array({{{"create_before_destroy", true}}})}}})}}},
            {"aws_iam_role",
             {{"fis", Json::array({{{"name", "fis"},
                                    {"assume_role_policy",
                                     "${data.aws_iam_policy_document.trust.json}"}}})}}}}},
          {"output",
           {{"names", Json::array({{{"value", "${module.net.names}"}}})},
            {"path", Json::array({{{"value", "${module.net.where}"}}})}}}}
          .dump();
  in.files["modules/net/main.tf"] =
      Json{{"variable",
            {{"prefix", Json::array({{{"type", "${string}"}}})},
             {"zones", Json::array({{{"type", "${list(string)}"}}})}}},
           {"resource",
            {{"aws_instance",
              {{"web", Json::array({{{"count", "${length(var.zones)}"},
                                     {"availability_zone", "${var.zones[count.index]}"},
                                     {"tags", {{"Name", "${var.prefix}-${count.index}"}}}}})}}}}},
           {"output",
            {{"names", Json::array({{{"value", "${aws_instance.web[*].tags.Name}"}}})},
             {"first_name", Json::array({{{"value", "${aws_instance.web[0].tags.Name}"}}})},
             {"where", Json::array({{{"value", "${path.module}"}}})}}}}
          .dump();
  return in;
}

TEST(HclModules, AppliesAModuleWithPrefixedAddressesAndOutputs) {
  FakeProvider provider;
  State state;
  auto result = apply(modules_input(), state, provider);
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->added, 5);
  EXPECT_NE(state.find_instance("module.net.aws_instance.web[2]"), nullptr);
  const auto* web = state.find("aws_instance", "web", "module.net");
  ASSERT_NE(web, nullptr);
  EXPECT_EQ(state_to_json(state)["resources"][0]["module"], "module.net");
  auto names = expr::to_json(result->outputs.at("names").value);
  EXPECT_EQ(names, Json({"app-funky-0", "app-funky-1", "app-funky-2"}));
  EXPECT_EQ(expr::to_json(result->outputs.at("path").value), "/stacks/app/modules/net");
  const auto* elb = state.find_instance("aws_elb.this");
  ASSERT_NE(elb, nullptr);
  EXPECT_EQ(elb->attributes.find("name")->as_string(), "app-funky-0");
  EXPECT_EQ(elb->attributes.find("lifecycle"), nullptr);  // a meta-argument, not sent
  // The instance in zone c was placed by a data source through the module's input.
  const auto* third = state.find_instance("module.net.aws_instance.web[2]");
  EXPECT_EQ(third->attributes.find("availability_zone")->as_string(), "us-east-1c");

  auto again = plan(modules_input(), state, provider);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_FALSE(again->has_changes());
}

TEST(HclModules, PolicyDocumentRendersIamJson) {
  FakeProvider provider;
  State state;
  ASSERT_TRUE(apply(modules_input(), state, provider));
  auto policy = Json::parse(
      state.find_instance("aws_iam_role.fis")->attributes.find("assume_role_policy")->as_string());
  EXPECT_EQ(policy["Version"], "2012-10-17");
  EXPECT_EQ(policy["Statement"][0]["Effect"], "Allow");
  EXPECT_EQ(policy["Statement"][0]["Action"], "sts:AssumeRole");
  EXPECT_EQ(policy["Statement"][0]["Principal"]["Service"], "fis.amazonaws.com");
}

TEST(HclModules, BackendLocalPathIsTheStacksOwn) {
  auto path = backend_state_path(modules_input());
  ASSERT_TRUE(path);
  ASSERT_TRUE(path->has_value());
  EXPECT_EQ(**path, "/stacks/app/state/x.tfstate");
}

TEST(HclModules, ErrorsPointAtTheHclLine) {
  auto in = modules_input();
  auto doc = Json::parse(in.files["main.tf"]);
  doc["locals"][0]["name"] = "app-${nosuch(var.panda)}";
  doc["//"] = "locals {\n  name = \"app-${nosuch(var.panda)}\"\n}\n";
  in.files["main.tf"] = doc.dump();
  FakeProvider provider;
  State state;
  auto result = apply(in, state, provider);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("main.tf:2:"), std::string::npos) << result.error().message;
  EXPECT_NE(result.error().message.find("\"nosuch\""), std::string::npos) << result.error().message;
  EXPECT_TRUE(provider.calls.empty());
}

TEST(HclModules, ModuleErrorsNameTheCallAndTheVariable) {
  auto in = modules_input();
  auto doc = Json::parse(in.files["main.tf"]);
  doc["module"]["net"][0]["colour"] = "red";
  in.files["main.tf"] = doc.dump();
  FakeProvider provider;
  State state;
  auto result = apply(in, state, provider);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("module net: unsupported argument \"colour\""),
            std::string::npos)
      << result.error().message;

  in = modules_input();
  doc = Json::parse(in.files["main.tf"]);
  doc["module"]["net"][0].erase("prefix");
  in.files["main.tf"] = doc.dump();
  result = apply(in, state, provider);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("the input variable \"prefix\" is required"),
            std::string::npos)
      << result.error().message;

  in = modules_input();
  doc = Json::parse(in.files["main.tf"]);
  doc["output"]["bad"] = Json::array({{{"value", "${module.net.nothing}"}}});
  in.files["main.tf"] = doc.dump();
  result = apply(in, state, provider);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("module.net has no output \"nothing\""), std::string::npos)
      << result.error().message;
  EXPECT_TRUE(provider.calls.empty());
}

TEST(HclModules, MissingModuleDirectoryIsAnError) {
  auto in = modules_input();
  in.files.erase("modules/net/main.tf");
  FakeProvider provider;
  State state;
  auto result = apply(in, state, provider);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("main.tf: module net: unreadable module directory: the "
                                        "source \"./modules/net\""),
            std::string::npos)
      << result.error().message;
}

// hcl2json keeps no positions: block-level errors find their block's header line in the HCL
// text the CLI sends along under "//".
StackInput hcl_main(const std::string& hcl, const Json& converted) {
  StackInput in;
  in.directory = "/stacks/app";
  Json doc = converted;
  doc["//"] = hcl;
  in.files["main.tf"] = doc.dump();
  return in;
}

std::string apply_error(const StackInput& in) {
  FakeProvider provider;
  State state;
  auto result = apply(in, state, provider);
  EXPECT_FALSE(result);
  EXPECT_TRUE(provider.calls.empty());
  return result ? "" : result.error().message;
}

TEST(HclLines, BlockErrorsNameTheHeaderLine) {
  std::string hcl =
      "variable \"size\" {\n  type = number\n}\n\nresource \"aws_instance\" \"web\" {\n"
      "  count = \"three\"\n  ami   = \"x\"\n}\n";
  Json doc = {{"variable", {{"size", Json::array({{{"type", "${number}"}, {"default", 1}}})}}},
              {"resource",
               {{"aws_instance", {{"web", Json::array({{{"count", "three"}, {"ami", "x"}}})}}}}}};
  EXPECT_NE(apply_error(hcl_main(hcl, doc)).find("main.tf:5: resource aws_instance.web: count: "),
            std::string::npos)
      << apply_error(hcl_main(hcl, doc));

  doc["resource"]["aws_instance"]["web"][0].erase("count");
  doc["variable"]["size"][0]["default"] = "big";
  EXPECT_NE(apply_error(hcl_main(hcl, doc)).find("main.tf:1: variable size: "), std::string::npos)
      << apply_error(hcl_main(hcl, doc));
}

TEST(HclLines, LocalsUnknownBlocksSelfReferenceAndCycles) {
  std::string hcl = "locals {\n  a = 1\n\n  b = local.c\n  c = local.b\n}\n";
  Json doc = {{"locals", Json::array({{{"a", 1}, {"b", "${local.c}"}, {"c", "${local.b}"}}})}};
  EXPECT_NE(apply_error(hcl_main(hcl, doc)).find("main.tf:4: local.b: dependency cycle"),
            std::string::npos)
      << apply_error(hcl_main(hcl, doc));

  std::string self = "\nresource \"aws_instance\" \"web\" {\n  ami = aws_instance.web.id\n}\n";
  Json self_doc = {
      {"resource",
       {{"aws_instance", {{"web", Json::array({{{"ami", "${aws_instance.web.id}"}}})}}}}}};
  EXPECT_NE(apply_error(hcl_main(self, self_doc))
                .find("main.tf:3:9: self-referential block: aws_instance.web refers to itself"),
            std::string::npos)
      << apply_error(hcl_main(self, self_doc));

  std::string odd = "locals {\n  a = 1\n}\n\nresourse \"x\" \"y\" {\n}\n";
  Json odd_doc = {{"locals", Json::array({{{"a", 1}}})},
                  {"resourse", {{"x", {{"y", Json::array({Json::object()})}}}}}};
  EXPECT_NE(
      apply_error(hcl_main(odd, odd_doc)).find("main.tf:5: unsupported block type \"resourse\""),
      std::string::npos)
      << apply_error(hcl_main(odd, odd_doc));
}

TEST(DataSources, AnswerAsTheLabModelsAws) {
  DataEnv env{"eu-west-2", "123456789012", "/stacks/app"};
  auto zones = read_data_source("aws_availability_zones", expr::Value::object({}), env);
  ASSERT_TRUE(zones);
  EXPECT_EQ(expr::to_json(*zones->find("names")), Json({"eu-west-2a", "eu-west-2b", "eu-west-2c"}));
  EXPECT_EQ(expr::to_json(*zones->find("zone_ids"))[0], "euw2-az1");
  auto me = read_data_source("aws_caller_identity", expr::Value::object({}), env);
  EXPECT_EQ(me->find("account_id")->as_string(), "123456789012");
  auto ami = read_data_source(
      "aws_ami", expr::Value::object({{"most_recent", expr::Value::boolean(true)}}), env);
  EXPECT_EQ(ami->find("id")->as_string(), "ami-faultbox-web");
  auto vpc1 = read_data_source("aws_vpc", expr::Value::object({}), env);
  auto vpc2 = read_data_source("aws_vpc", expr::Value::object({}), env);
  EXPECT_EQ(vpc1->find("id")->as_string(), vpc2->find("id")->as_string());
  EXPECT_EQ(vpc1->find("id")->as_string().rfind("vpc-", 0), 0u);
  auto unknown =
      read_data_source("aws_ami", expr::Value::object({{"x", expr::Value::unknown()}}), env);
  EXPECT_TRUE(unknown->is_unknown());
  auto bad = read_data_source("aws_nothing", expr::Value::object({}), env);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("\"aws_nothing\" is not supported"), std::string::npos);
  auto missing = read_data_source(
      "terraform_remote_state",
      expr::Value::object(
          {{"backend", expr::Value::string("local")},
           {"config",
            expr::Value::object({{"path", expr::Value::string("../none/terraform.tfstate")}})}}),
      env);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("/stacks/none/terraform.tfstate"), std::string::npos);
}

}  // namespace
}  // namespace faultbox::stack
