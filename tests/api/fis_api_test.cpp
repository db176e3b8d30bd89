// FIS through the gateway: the model's routes, rest-json errors, paging, tags, and the
// operations the lab does not implement.
#include <nlohmann/json.hpp>

#include "api/rest_json_service.h"
#include "api_fixture.h"
#include "cloud/iam/iam_directory.h"

namespace faultbox::api {
namespace {

using nlohmann::json;

// The trust policy FIS needs to assume a role, as a stack writes it (a JSON string).
constexpr const char* kTrustsFis =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)"
    R"("Principal":{"Service":"fis.amazonaws.com"},"Action":"sts:AssumeRole"}]})";

class FisApiTest : public ApiTest {
 protected:
  FisApiTest() {
    cloud_.kind<cloud::IamDirectory>().directory().put_role(
        {.name = "fis-role", .trust_policy = kTrustsFis}, cloud_.clock().now());
  }

  static std::string template_body(const std::string& token = "token-1") {
    return json{
        {"clientToken", token},
        {"description", "wait a minute"},
        {"actions",
         {{"pause", {{"actionId", "aws:fis:wait"}, {"parameters", {{"duration", "PT1M"}}}}}}},
        {"stopConditions", {{{"source", "none"}}}},
        {"roleArn", "arn:aws:iam::123456789012:role/fis-role"},
        {"tags", {{"Panda", "funky"}}}}
        .dump();
  }

  std::string create(const std::string& token = "token-1") {
    auto r = rest("POST", "/experimentTemplates", template_body(token));
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body)["experimentTemplate"]["id"].get<std::string>();
  }

  static json body(const net::HttpResponse& r) { return json::parse(r.body); }
};

TEST(RestPaths, LabelsArePercentDecodedSegments) {
  PathLabels labels;
  EXPECT_TRUE(match_path("/tags/{resourceArn}",
                         "/tags/arn%3Aaws%3Afis%3Aeu-west-2%3A1%3Aexperiment%2FEXP1", labels));
  EXPECT_EQ(labels.at("resourceArn"), "arn:aws:fis:eu-west-2:1:experiment/EXP1");
  EXPECT_FALSE(match_path("/experiments/{id}", "/experiments/EXP1/resolvedTargets", labels));
  EXPECT_FALSE(match_path("/experiments", "/experimentTemplates", labels));
}

TEST_F(FisApiTest, CreateGetUpdateDeleteWithEpochSecondTimestamps) {
  auto id = create();
  auto got = rest("GET", "/experimentTemplates/" + id);
  EXPECT_EQ(got.status, 200);
  auto t = body(got)["experimentTemplate"];
  EXPECT_EQ(t["arn"], "arn:aws:fis:eu-west-2:123456789012:experiment-template/" + id);
  EXPECT_TRUE(t["creationTime"].is_number());
  EXPECT_EQ(t["tags"]["Panda"], "funky");
  EXPECT_FALSE(got.headers.at("x-amzn-RequestId").empty());

  auto updated = rest("PATCH", "/experimentTemplates/" + id, R"({"description":"two minutes"})");
  EXPECT_EQ(body(updated)["experimentTemplate"]["description"], "two minutes");
  auto deleted = rest("DELETE", "/experimentTemplates/" + id);
  EXPECT_EQ(deleted.status, 200);
  auto gone = rest("GET", "/experimentTemplates/" + id);
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(gone.headers.at("x-amzn-ErrorType"), "ResourceNotFoundException");
  EXPECT_TRUE(body(gone)["message"].get<std::string>().find(id) != std::string::npos);
}

TEST_F(FisApiTest, ARepeatedClientTokenReturnsTheSameTemplate) {
  auto first = create("same");
  EXPECT_EQ(create("same"), first);
  EXPECT_NE(create("other"), first);
  EXPECT_EQ(body(rest("GET", "/experimentTemplates"))["experimentTemplates"].size(), 2u);
}

TEST_F(FisApiTest, ValidationErrorsUseTheRestJsonEnvelope) {
  auto r = rest("POST", "/experimentTemplates", R"({"clientToken":"x","actions":{}})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.headers.at("x-amzn-ErrorType"), "ValidationException");
  EXPECT_TRUE(body(r).contains("message"));
  auto garbled = rest("POST", "/experimentTemplates", "{not json");
  EXPECT_EQ(garbled.headers.at("x-amzn-ErrorType"), "SerializationException");
}

TEST_F(FisApiTest, StartsListsAndStopsExperiments) {
  auto id = create();
  auto started = rest("POST", "/experiments",
                      json{{"clientToken", "t"},
                           {"experimentTemplateId", id},
                           {"experimentOptions", {{"actionsMode", "skip-all"}}},
                           {"tags", {{"run", "1"}}}}
                          .dump());
  ASSERT_EQ(started.status, 200) << started.body;
  auto exp = body(started)["experiment"];
  auto exp_id = exp["id"].get<std::string>();
  EXPECT_EQ(exp["experimentOptions"]["actionsMode"], "skip-all");
  run_for(std::chrono::seconds(2));

  auto got = body(rest("GET", "/experiments/" + exp_id));
  EXPECT_EQ(got.size(), 1u);  // only "experiment", as the model has it
  EXPECT_EQ(got["experiment"]["experimentTemplateId"], id);
  EXPECT_TRUE(got["experiment"]["state"].contains("status"));

  auto listed = body(rest("GET", "/experiments?experimentTemplateId=" + id));
  ASSERT_EQ(listed["experiments"].size(), 1u);
  EXPECT_FALSE(listed["experiments"][0].contains("startTime"));  // not in ExperimentSummary
  EXPECT_EQ(body(rest("GET", "/experiments?experimentTemplateId=EXTother"))["experiments"].size(),
            0u);
  auto targets = rest("GET", "/experiments/" + exp_id + "/resolvedTargets");
  EXPECT_EQ(targets.status, 200);
  EXPECT_TRUE(body(targets)["resolvedTargets"].is_array());
  auto arn = "/tags/arn%3Aaws%3Afis%3Aeu-west-2%3A123456789012%3Aexperiment%2F" + exp_id;
  EXPECT_EQ(rest("POST", arn, R"({"tags":{"Team":"red"}})").status, 200);
  EXPECT_EQ(body(rest("GET", arn))["tags"], (json{{"run", "1"}, {"Team", "red"}}));
  EXPECT_EQ(rest("DELETE", arn + "?tagKeys=run").status, 200);
  EXPECT_EQ(body(rest("GET", "/experiments/" + exp_id))["experiment"]["tags"],
            (json{{"Team", "red"}}));
  EXPECT_EQ(rest("DELETE", "/experiments/" + exp_id).status, 200);
  EXPECT_EQ(rest("DELETE", "/experiments/EXPmissing").status, 404);
}

TEST_F(FisApiTest, ListActionsPagesWithMaxResultsAndNextToken) {
  auto all = body(rest("GET", "/actions"))["actions"];
  ASSERT_GE(all.size(), 3u);
  auto first = body(rest("GET", "/actions?maxResults=2"));
  EXPECT_EQ(first["actions"].size(), 2u);
  ASSERT_TRUE(first.contains("nextToken"));
  auto token = first["nextToken"].get<std::string>();
  auto rest_page = body(rest("GET", "/actions?maxResults=100&nextToken=" + token));
  EXPECT_EQ(rest_page["actions"].size(), all.size() - 2);
  EXPECT_FALSE(rest_page.contains("nextToken"));
  EXPECT_EQ(rest("GET", "/actions?maxResults=0").status, 400);
  EXPECT_EQ(rest("GET", "/actions?nextToken=forged").status, 400);
  auto wait = body(rest("GET", "/actions/aws:fis:wait"));
  EXPECT_TRUE(wait["action"]["parameters"].contains("duration"));
}

TEST_F(FisApiTest, TargetResourceTypesComeFromTheActions) {
  auto list = body(rest("GET", "/targetResourceTypes"))["targetResourceTypes"];
  std::vector<std::string> types;
  for (const auto& t : list) {
    types.push_back(t["resourceType"]);
  }
  EXPECT_EQ(types, (std::vector<std::string>{"aws:ec2:autoscaling-group", "aws:ec2:instance",
                                             "aws:ec2:spot-instance", "aws:ec2:subnet",
                                             "aws:iam:role", "aws:lambda:function"}));
  auto one = rest("GET", "/targetResourceTypes/aws%3Aec2%3Ainstance");
  EXPECT_EQ(body(one)["targetResourceType"]["resourceType"], "aws:ec2:instance");
  EXPECT_EQ(rest("GET", "/targetResourceTypes/aws:rds:db").status, 404);
}

TEST_F(FisApiTest, TagsOfTemplatesByArn) {
  auto id = create();
  auto arn = "arn%3Aaws%3Afis%3Aeu-west-2%3A123456789012%3Aexperiment-template%2F" + id;
  EXPECT_EQ(rest("POST", "/tags/" + arn, R"({"tags":{"Team":"red","Panda":"grumpy"}})").status,
            200);
  auto tags = body(rest("GET", "/tags/" + arn))["tags"];
  EXPECT_EQ(tags, (json{{"Team", "red"}, {"Panda", "grumpy"}}));
  EXPECT_EQ(rest("DELETE", "/tags/" + arn + "?tagKeys=Team&tagKeys=Panda").status, 200);
  EXPECT_EQ(body(rest("GET", "/tags/" + arn))["tags"], json::object());
  EXPECT_EQ(rest("GET", "/tags/arn%3Aaws%3Afis%3Aeu-west-2%3A1%3Aexperiment%2FEXPnone").status,
            404);
}

TEST_F(FisApiTest, SafetyLeverReadsAndChangesState) {
  auto lever = body(rest("GET", "/safetyLevers/default"))["safetyLever"];
  EXPECT_EQ(lever["id"], "default");
  EXPECT_EQ(lever["arn"], "arn:aws:fis:eu-west-2:123456789012:safety-lever/default");
  EXPECT_EQ(lever["state"]["status"], "disengaged");
  auto engaged = rest("PATCH", "/safetyLevers/default/state",
                      R"({"state": {"status": "engaged", "reason": "game day over"}})");
  ASSERT_EQ(engaged.status, 200);
  EXPECT_EQ(body(engaged)["safetyLever"]["state"]["status"], "engaged");
  EXPECT_EQ(body(engaged)["safetyLever"]["state"]["reason"], "game day over");
  auto again = rest("PATCH", "/safetyLevers/default/state",
                    R"({"state": {"status": "engaged", "reason": "again"}})");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(rest("PATCH", "/safetyLevers/default/state", R"({"state": {"status": "on"}})").status,
            400);
  EXPECT_EQ(rest("GET", "/safetyLevers/other").status, 404);
}

TEST_F(FisApiTest, UnsupportedAndUnknownOperations) {
  auto account =
      rest("POST", "/experimentTemplates/EXT1/targetAccountConfigurations/111122223333", "{}");
  EXPECT_NE(body(account)["message"].get<std::string>().find("CreateTargetAccountConfiguration"),
            std::string::npos);
  auto unknown = rest("PUT", "/experiments");
  EXPECT_EQ(unknown.headers.at("x-amzn-ErrorType"), "UnknownOperationException");
}

TEST_F(FisApiTest, TheScopeRegionIsWhereTheRequestActs) {
  auto id = create();
  EXPECT_EQ(rest("GET", "/experimentTemplates/" + id, "", "us-east-1").status, 404);
  auto other = body(rest("GET", "/experimentTemplates", "", "us-east-1"));
  EXPECT_EQ(other["experimentTemplates"].size(), 0u);
}

TEST_F(FisApiTest, UnknownServicesAnswerNotImplementedWithoutAHandler) {
  net::HttpRequest r;
  r.method = "GET";
  r.target = "/streams/key";
  r.headers["authorization"] = scope("kinesis");
  auto out = handle_aws_request(cloud_, r);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 501);
  EXPECT_EQ(out->headers.at("x-amzn-ErrorType"), "NotImplemented");
  EXPECT_NE(out->body.find("kinesis"), std::string::npos);
}

}  // namespace
}  // namespace faultbox::api
