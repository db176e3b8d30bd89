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
    auto r = TemplateValidator(builtin_actions(), &lab_, &lab_,
                               ValidationScope{"eu-west-2", "000000000000"})
                 .validate(*t);
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
                        "aws:cloudwatch:assert-alarm-state, "));
  EXPECT_TRUE(has_error([](json& b) { b["actions"]["stop1"]["actionId"] = "aws:ec2:explode"; },
                        "aws:ec2:reboot-instances, "));
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
                        "Action \"stop1\": startAfter names the action itself"));
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

TEST_F(TemplateValidatorTest, UnknownResourceTypeIsNotATypeMismatch) {
  EXPECT_TRUE(has_error(
      [](json& b) { b["targets"]["Instances-Target-1"]["resourceType"] = "aws:ec2:instances"; },
      "Target \"Instances-Target-1\": unknown resourceType \"aws:ec2:instances\""));
  EXPECT_TRUE(has_error(
      [](json& b) { b["targets"]["Instances-Target-1"]["resourceType"] = "aws:ec2:spot-instance"; },
      "has resourceType aws:ec2:spot-instance, but Instances needs aws:ec2:instance"));
}

TEST_F(TemplateValidatorTest, TargetParametersMustSuitTheType) {
  EXPECT_TRUE(has_error(
      [](json& b) {
        b["targets"]["Instances-Target-1"]["parameters"] = {{"vpc", "vpc-1"}};
      },
      "resourceType aws:ec2:instance takes no target parameter \"vpc\""));
}

TEST_F(TemplateValidatorTest, FiltersNeedAPathAndValues) {
  auto with_filter = [](json filter) {
    return [filter](json& b) { b["targets"]["Instances-Target-1"]["filters"] = {filter}; };
  };
  EXPECT_TRUE(has_error(with_filter({{"path", "State.Name"}, {"values", json::array()}}),
                        "filters[0] (State.Name): values must list at least one value"));
  for (const char* bad : {"", "State..Name", ".State", "State.", "State Name"}) {
    EXPECT_TRUE(has_error(with_filter({{"path", bad}, {"values", {"running"}}}),
                          "filters[0]: invalid path \"" + std::string(bad) + "\""));
  }
  EXPECT_EQ(
      error_for(with_filter({{"path", "Placement.AvailabilityZone"}, {"values", {"eu-west-2a"}}})),
      "");
}

TEST_F(TemplateValidatorTest, ResourceArnsMustBeInstancesOfThisRegionAndAccount) {
  auto by_arn = [](std::string arn) {
    return [arn](json& b) {
      auto& t = b["targets"]["Instances-Target-1"];
      t.erase("resourceTags");
      t["resourceArns"] = {arn};
    };
  };
  EXPECT_EQ(error_for(by_arn("arn:aws:ec2:eu-west-2:000000000000:instance/i-0000000000000000a")),
            "");
  EXPECT_TRUE(has_error(by_arn("i-0000000000000000a"), "is not an EC2 instance ARN"));
  EXPECT_TRUE(has_error(by_arn("arn:aws:ec2:us-east-1:000000000000:instance/i-0000000000000000a"),
                        "is in region us-east-1, but the template is in eu-west-2"));
  EXPECT_TRUE(has_error(by_arn("arn:aws:ec2:eu-west-2:111111111111:instance/i-0000000000000000a"),
                        "is in account 111111111111, not this account (000000000000)"));
  EXPECT_TRUE(has_error(
      [](json& b) {
        auto& t = b["targets"]["Instances-Target-1"];
        t.erase("resourceTags");
        t["resourceArns"] = json::array();
        for (char c = 'a'; c <= 'f'; ++c) {
          t["resourceArns"].push_back(
              std::string("arn:aws:ec2:eu-west-2:000000000000:instance/i-000000000000000") + c);
        }
      },
      "6 resourceArns given; at most 5 are allowed"));
}

TEST_F(TemplateValidatorTest, RoleMustTrustFis) {
  lab_.untrusting_roles.insert(testing::kRoleArn);
  EXPECT_TRUE(
      has_error([](json&) {}, std::string("Role ") + testing::kRoleArn +
                                  " cannot be assumed by fis.amazonaws.com: its trust policy"));
}

TEST_F(TemplateValidatorTest, RoleArnFormAndAccount) {
  EXPECT_TRUE(has_error([](json& b) { b["roleArn"] = "funky_fis_iam_role"; },
                        "Invalid roleArn \"funky_fis_iam_role\": expected "
                        "arn:aws:iam::<account>:role/<name>"));
  EXPECT_TRUE(has_error([](json& b) { b["roleArn"] = "arn:aws:iam::111111111111:role/funky"; },
                        "is in account 111111111111, not this account"));
}

TEST_F(TemplateValidatorTest, AlarmArnFormAndRegion) {
  EXPECT_TRUE(has_error([](json& b) { b["stopConditions"][0]["value"] = "funky-elb-alarm"; },
                        "is not an alarm ARN"));
  EXPECT_TRUE(has_error(
      [](json& b) {
        b["stopConditions"][0]["value"] =
            "arn:aws:cloudwatch:us-east-1:000000000000:alarm:funky-elb-alarm";
      },
      "is in region us-east-1, but the template is in eu-west-2"));
  EXPECT_TRUE(has_error(
      [](json& b) {
        b["stopConditions"] = {{{"source", "none"}, {"value", "x"}}};
      },
      "Stop condition source \"none\" takes no value, got \"x\""));
}

TEST_F(TemplateValidatorTest, NamesTagsAndLengths) {
  EXPECT_TRUE(has_error(
      [](json& b) {
        b["actions"]["stop 1"] = b["actions"]["stop1"];
        b["actions"].erase("stop1");
        b["actions"]["pause"]["startAfter"] = {"stop 1"};
      },
      "Invalid action name \"stop 1\""));
  EXPECT_TRUE(has_error(
      [](json& b) { b["targets"][std::string(65, 't')] = b["targets"]["Instances-Target-1"]; },
      "Invalid target name"));
  EXPECT_TRUE(has_error(
      [](json& b) {
        for (int i = 0; i < 51; ++i) {
          b["tags"]["k" + std::to_string(i)] = "v";
        }
      },
      "tags; at most 50 are allowed"));
  EXPECT_TRUE(
      has_error([](json& b) { b["tags"]["aws:owner"] = "me"; }, "the aws: prefix is reserved"));
  EXPECT_TRUE(has_error([](json& b) { b["tags"][std::string(129, 'k')] = "v"; },
                        "keys are 1 to 128 characters"));
  EXPECT_TRUE(has_error([](json& b) { b["tags"]["Name"] = std::string(257, 'v'); },
                        "values are at most 256 characters"));
  EXPECT_TRUE(has_error([](json& b) { b["description"] = std::string(513, 'd'); },
                        "at most 512 are allowed"));
  EXPECT_TRUE(has_error(
      [](json& b) { b["actions"]["pause"]["parameters"]["duration"] = std::string(1025, '1'); },
      "must be 1 to 1024 characters long"));
}

TEST_F(TemplateValidatorTest, ActionAndStopConditionCounts) {
  EXPECT_TRUE(has_error(
      [](json& b) {
        for (int i = 0; i < 18; ++i) {
          b["actions"]["wait" + std::to_string(i)] = {{"actionId", "aws:fis:wait"},
                                                      {"parameters", {{"duration", "PT1M"}}}};
        }
      },
      "The template has 21 actions; at most 20 are allowed"));
  EXPECT_TRUE(has_error(
      [](json& b) {
        for (int i = 0; i < 5; ++i) {
          b["stopConditions"].push_back(b["stopConditions"][0]);
        }
      },
      "6 stop conditions; at most 5 are allowed"));
}

TEST_F(TemplateValidatorTest, WithoutScopeArnsAreCheckedForFormOnly) {
  json body = testing::step03_template_json();
  body["roleArn"] = "arn:aws:iam::111111111111:role/elsewhere";
  auto t = parse_create_template(body);
  ASSERT_TRUE(t);
  EXPECT_TRUE(TemplateValidator(builtin_actions(), nullptr, nullptr).validate(*t));
}

}  // namespace
}  // namespace faultbox::fis
