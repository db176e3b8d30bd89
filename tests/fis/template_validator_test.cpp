// Every ValidationException the template validator raises, one mutation of the seed each.
#include "fis/template_validator.h"

#include <gtest/gtest.h>

#include <functional>

#include "fis/step03_template.h"

namespace faultbox::fis {
namespace {

using nlohmann::json;

class TemplateValidatorTest : public ::testing::Test {
 protected:
  TemplateValidatorTest() { testing::add_step03_instances(lab_); }

  // Applies `mutate` to the seed's JSON, parses and validates; returns the error message.
  std::string error_for(const std::function<void(json&)>& mutate) {
    json body = testing::step03_template_json();
    mutate(body);
    auto t = parse_create_template(body);
    if (!t) {
      return "parse: " + t.error().message;
    }
    auto r = TemplateValidator(builtin_actions(), &lab_, &lab_).validate(*t);
    if (r) {
      return "";
    }
    EXPECT_EQ(r.error().code, "ValidationException");
    return r.error().message;
  }

  ::testing::AssertionResult has_error(const std::function<void(json&)>& mutate,
                                       const std::string& text) {
    const std::string message = error_for(mutate);
    if (message.find(text) != std::string::npos) {
      return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure()
           << "message: \"" << message << "\" lacks \"" << text << "\"";
  }

  testing::FakeLab lab_;
};

TEST_F(TemplateValidatorTest, AcceptsTheSeedTemplate) {
  EXPECT_EQ(error_for([](json&) {}), "");
}

TEST_F(TemplateValidatorTest, UnknownActionIdListsSupportedOnes) {
  EXPECT_TRUE(has_error([](json& b) { b["actions"]["stop1"]["actionId"] = "aws:ec2:explode"; },
                        "unknown actionId \"aws:ec2:explode\"; supported actions: "
                        "aws:ec2:reboot-instances, aws:ec2:stop-instances"));
}

TEST_F(TemplateValidatorTest, TargetKeyNotAcceptedByTheAction) {
  EXPECT_TRUE(has_error(
      [](json& b) {
        b["actions"]["stop1"]["targets"] = {{"Instance", "Instances-Target-1"}};
      },
      "target key \"Instance\" is not valid; expected Instances"));
  EXPECT_TRUE(has_error(
      [](json& b) {
        b["actions"]["pause"]["targets"] = {{"Instances", "Instances-Target-1"}};
      },
      "expected none"));
}

TEST_F(TemplateValidatorTest, TargetNameNotDefined) {
  EXPECT_TRUE(has_error([](json& b) { b["actions"]["stop1"]["targets"]["Instances"] = "nope"; },
                        "target \"nope\" is not defined"));
}

TEST_F(TemplateValidatorTest, MissingTargetForATargetedAction) {
  EXPECT_TRUE(has_error([](json& b) { b["actions"]["stop1"].erase("targets"); },
                        "missing target for key \"Instances\""));
}

TEST_F(TemplateValidatorTest, ResourceTypeMustMatchTheAction) {
  EXPECT_TRUE(has_error(
      [](json& b) { b["targets"]["Instances-Target-1"]["resourceType"] = "aws:ec2:subnet"; },
      "has resourceType aws:ec2:subnet, but Instances needs aws:ec2:instance"));
}

TEST_F(TemplateValidatorTest, ArnsAndTagsTogetherOrNeither) {
  EXPECT_TRUE(has_error(
      [](json& b) {
        b["targets"]["Instances-Target-1"]["resourceArns"] = {
            "arn:aws:ec2:eu-west-2:000000000000:instance/i-0000000000000000a"};
      },
      "resourceArns cannot be combined with resourceTags or filters"));
  EXPECT_TRUE(has_error([](json& b) { b["targets"]["Instances-Target-1"].erase("resourceTags"); },
                        "specify resourceArns, resourceTags or filters"));
}

TEST_F(TemplateValidatorTest, SelectionModes) {
  for (const char* bad :
       {"COUNT(0)", "PERCENT(0)", "PERCENT(101)", "count(2)", "SOME", "COUNT(-1)", "COUNT( 2)"}) {
    EXPECT_TRUE(has_error(
        [&](json& b) { b["targets"]["Instances-Target-1"]["selectionMode"] = bad; },
        "Invalid selectionMode \"" + std::string(bad) + "\" for target \"Instances-Target-1\""));
  }
  for (const char* good : {"ALL", "COUNT(1)", "COUNT(3)", "PERCENT(1)", "PERCENT(100)"}) {
    EXPECT_EQ(
        error_for([&](json& b) { b["targets"]["Instances-Target-1"]["selectionMode"] = good; }),
        "");
  }
  EXPECT_TRUE(has_error([](json& b) { b["targets"]["Instances-Target-1"].erase("selectionMode"); },
                        "missing selectionMode"));
}

TEST_F(TemplateValidatorTest, BadDurationParameter) {
  EXPECT_TRUE(has_error([](json& b) { b["actions"]["pause"]["parameters"]["duration"] = "3 min"; },
                        "Invalid ISO 8601 duration \"3 min\""));
  EXPECT_TRUE(has_error([](json& b) { b["actions"]["pause"]["parameters"]["duration"] = "PT13H"; },
                        "out of range (PT1M to PT12H)"));
  EXPECT_TRUE(has_error(
      [](json& b) { b["actions"]["stop1"]["parameters"]["completeIfInstancesTerminated"] = "yes"; },
      "must be \"true\" or \"false\""));
}

TEST_F(TemplateValidatorTest, MissingAndUnknownParameters) {
  EXPECT_TRUE(has_error([](json& b) { b["actions"]["pause"]["parameters"] = json::object(); },
                        "missing required parameter \"duration\""));
  EXPECT_TRUE(has_error([](json& b) { b["actions"]["stop1"]["parameters"]["force"] = "true"; },
                        "unknown parameter \"force\"; accepted: startInstancesAfterDuration, "
                        "completeIfInstancesTerminated"));
}

TEST_F(TemplateValidatorTest, StartAfterUnknownOrCyclic) {
  EXPECT_TRUE(has_error([](json& b) { b["actions"]["pause"]["startAfter"] = {"stop0"}; },
                        "startAfter names unknown action \"stop0\""));
  EXPECT_TRUE(has_error([](json& b) { b["actions"]["stop1"]["startAfter"] = {"stop2"}; },
                        "startAfter forms a cycle: "));
  EXPECT_TRUE(has_error([](json& b) { b["actions"]["stop1"]["startAfter"] = {"stop1"}; },
                        "cycle: stop1 -> stop1"));
}

TEST_F(TemplateValidatorTest, RequiredTopLevelMembers) {
  EXPECT_TRUE(has_error([](json& b) { b.erase("roleArn"); }, "\"roleArn\""));
  EXPECT_TRUE(has_error([](json& b) { b.erase("description"); }, "\"description\""));
  EXPECT_TRUE(has_error([](json& b) { b.erase("stopConditions"); }, "\"stopConditions\""));
  EXPECT_TRUE(has_error([](json& b) { b["actions"] = json::object(); }, "at least one action"));
}

TEST_F(TemplateValidatorTest, RoleAndAlarmMustExist) {
  EXPECT_TRUE(has_error([](json& b) { b["roleArn"] = "arn:aws:iam::000000000000:role/ghost"; },
                        "Role arn:aws:iam::000000000000:role/ghost does not exist"));
  EXPECT_TRUE(has_error(
      [](json& b) {
        b["stopConditions"][0]["value"] = "arn:aws:cloudwatch:eu-west-2:000000000000:alarm:ghost";
      },
      "alarm arn:aws:cloudwatch:eu-west-2:000000000000:alarm:ghost does not exist"));
}

TEST_F(TemplateValidatorTest, StopConditionSources) {
  EXPECT_TRUE(has_error([](json& b) { b["stopConditions"][0]["source"] = "aws:cloudwatch:metric"; },
                        "Invalid stop condition source \"aws:cloudwatch:metric\""));
  EXPECT_TRUE(has_error([](json& b) { b["stopConditions"][0].erase("value"); },
                        "needs the alarm ARN in value"));
  EXPECT_TRUE(has_error(
      [](json& b) {
        b["stopConditions"].push_back({{"source", "none"}});
      },
      "cannot be combined"));
  EXPECT_EQ(error_for([](json& b) { b["stopConditions"] = {{{"source", "none"}}}; }), "");
}

TEST_F(TemplateValidatorTest, ExperimentOptionEnums) {
  EXPECT_TRUE(
      has_error([](json& b) { b["experimentOptions"]["emptyTargetResolutionMode"] = "ignore"; },
                "Invalid emptyTargetResolutionMode \"ignore\""));
}

}  // namespace
}  // namespace faultbox::fis
