// Template parsing (CreateExperimentTemplate), serialisation (GetExperimentTemplate), updates.
#include "fis/experiment_template.h"

#include <gtest/gtest.h>

#include "core/arn.h"
#include "fis/step03_template.h"

namespace faultbox::fis {
namespace {

using nlohmann::json;

TEST(ExperimentTemplate, ParsesTheSeedTemplate) {
  auto t = parse_create_template(testing::step03_template_json());
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(t->description, "Stop step03 EC2 instances");
  ASSERT_EQ(t->actions.size(), 3u);
  EXPECT_EQ(t->actions.at("pause").action_id, "aws:fis:wait");
  EXPECT_EQ(t->actions.at("pause").parameters.at("duration"), "PT3M");
  EXPECT_EQ(t->actions.at("stop2").start_after, std::vector<std::string>{"pause"});
  EXPECT_EQ(t->actions.at("stop1").targets.at("Instances"), "Instances-Target-1");
  const auto& target = t->targets.at("Instances-Target-1");
  EXPECT_EQ(target.selection_mode, "COUNT(2)");
  EXPECT_EQ(target.resource_tags.at("Panda"), "funky");
  ASSERT_EQ(t->stop_conditions.size(), 1u);
  EXPECT_EQ(*t->stop_conditions[0].value, testing::kAlarmArn);
  EXPECT_EQ(t->experiment_options.empty_target_resolution_mode, "fail");
}

TEST(ExperimentTemplate, RejectsUnknownMembersByName) {
  json body = testing::step03_template_json();
  body["startAfterDelay"] = "PT1M";
  auto r = parse_create_template(body);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "ValidationException");
  EXPECT_NE(r.error().message.find("\"startAfterDelay\""), std::string::npos);
  EXPECT_NE(r.error().message.find("must be one of: clientToken"), std::string::npos);

  body = testing::step03_template_json();
  body["actions"]["pause"]["duration"] = "PT3M";
  r = parse_create_template(body);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("actions.pause: \"duration\""), std::string::npos)
      << r.error().message;
}

TEST(ExperimentTemplate, RejectsWrongTypes) {
  json body = testing::step03_template_json();
  body["actions"]["pause"]["parameters"]["duration"] = 180;
  auto r = parse_create_template(body);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("actions.pause.parameters.duration"), std::string::npos)
      << r.error().message;
}

TEST(ExperimentTemplate, SerialisesInGetExperimentTemplateShape) {
  auto t = parse_create_template(testing::step03_template_json());
  ASSERT_TRUE(t);
  t->id = "EXTabc";
  t->arn = arn::fis_template("eu-west-2", "000000000000", t->id);
  t->creation_time = TimePoint(Duration(1616432509662));
  t->last_update_time = t->creation_time;
  json j = to_json(*t);
  EXPECT_EQ(j["arn"], "arn:aws:fis:eu-west-2:000000000000:experiment-template/EXTabc");
  EXPECT_DOUBLE_EQ(j["creationTime"].get<double>(), 1616432509.662);
  EXPECT_EQ(j["actions"]["stop2"]["startAfter"], json::array({"pause"}));
  EXPECT_EQ(j["targets"]["Instances-Target-1"]["resourceTags"]["Experiment"], "step03");
  EXPECT_FALSE(j["targets"]["Instances-Target-1"].contains("resourceArns"));
  EXPECT_EQ(j["experimentOptions"]["accountTargeting"], "single-account");
  EXPECT_FALSE(j.contains("clientToken"));
}

TEST(ExperimentTemplate, RoundTripsThroughJson) {
  auto t = parse_create_template(testing::step03_template_json());
  ASSERT_TRUE(t);
  json out = to_json(*t);
  for (const char* generated : {"id", "arn", "creationTime", "lastUpdateTime"}) {
    out.erase(generated);
  }
  auto again = parse_create_template(out);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(to_json(*again), to_json(*t));
}

TEST(ExperimentTemplate, ParsesIdsAndMissingTargetsAsEmpty) {
  json body = {{"description", "wait only"},
               {"actions", {{"w", {{"actionId", "aws:fis:wait"}}}}},
               {"stopConditions", {{{"source", "none"}}}},
               {"roleArn", "arn:aws:iam::000000000000:role/r"}};
  auto t = parse_create_template(body);
  ASSERT_TRUE(t);
  EXPECT_TRUE(t->targets.empty());
  std::mt19937_64 rng(1);
  const std::string id = make_id("EXT", rng);
  EXPECT_EQ(id.rfind("EXT", 0), 0u);
  EXPECT_EQ(id.size(), 17u);
}

TEST(ExperimentTemplate, UpdateReplacesGivenSectionsWholesale) {
  auto t = parse_create_template(testing::step03_template_json());
  ASSERT_TRUE(t);
  t->creation_time = TimePoint(Duration(1000));
  // Run 2 of the seed: the whole targets map again, selection mode ALL.
  json patch = {{"targets",
                 {{"Instances-Target-1",
                   {{"resourceType", "aws:ec2:instance"},
                    {"resourceTags", {{"Panda", "funky"}, {"Experiment", "step03"}}},
                    {"selectionMode", "ALL"}}}}},
                {"actions",
                 {{"stop1",
                   {{"actionId", "aws:ec2:stop-instances"},
                    {"targets", {{"Instances", "Instances-Target-1"}}}}},
                  {"pause", nullptr}}}};
  auto update = parse_template_update(patch);
  ASSERT_TRUE(update) << update.error().message;
  ExperimentTemplate u = apply_update(*t, *update, TimePoint(Duration(5000)));
  EXPECT_EQ(u.targets.at("Instances-Target-1").selection_mode, "ALL");
  EXPECT_EQ(u.actions.size(), 1u);  // the given map replaces; null entries are dropped
  EXPECT_EQ(u.description, t->description);
  EXPECT_EQ(u.tags, t->tags);
  EXPECT_EQ(u.creation_time, t->creation_time);
  EXPECT_EQ(u.last_update_time, TimePoint(Duration(5000)));
}

TEST(ExperimentTemplate, UpdateRejectsFieldsItCannotChange) {
  for (json patch : {json{{"tags", {{"a", "b"}}}}, json{{"clientToken", "x"}},
                     json{{"experimentOptions", {{"accountTargeting", "multi-account"}}}}}) {
    auto r = parse_template_update(patch);
    ASSERT_FALSE(r) << patch.dump();
    EXPECT_NE(r.error().message.find("Unknown parameter"), std::string::npos);
  }
  auto ok = parse_template_update({{"experimentOptions", {{"emptyTargetResolutionMode", "skip"}}},
                                   {"logConfiguration", json::object()}});
  ASSERT_TRUE(ok);
  ExperimentTemplate t;
  t.log_configuration = LogConfiguration{};
  ExperimentTemplate u = apply_update(t, *ok, TimePoint{});
  EXPECT_EQ(u.experiment_options.empty_target_resolution_mode, "skip");
  EXPECT_FALSE(u.log_configuration);  // an empty logConfiguration turns logging off
}

}  // namespace
}  // namespace faultbox::fis
