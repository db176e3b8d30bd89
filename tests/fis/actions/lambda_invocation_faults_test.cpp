// The aws:lambda:invocation-* actions: a fault configuration per target function, where its
// extension reads (AWS_FIS_CONFIGURATION_LOCATION), for the duration; removed at the end, on
// stop; refused without permission or without the location; parameters checked.
#include <gtest/gtest.h>

#include "fis/fis_fakes.h"
#include "fis/lambda_fault_config.h"
#include "fis/runner.h"
#include "fis/template_validator.h"

namespace faultbox::fis {
namespace {

using nlohmann::json;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr const char* kFunction = "arn:aws:lambda:eu-west-2:000000000000:function:funky_lambda";
constexpr const char* kRole = "arn:aws:iam::000000000000:role/fis";

class LambdaFaultsTest : public ::testing::Test {
 protected:
  LambdaFaultsTest() : runner_(testing::environment_of(lab_), "eu-west-2", "000000000000", 3) {
    lab_.roles.insert(kRole);
    lab_.functions[kFunction] = {
        {"AWS_FIS_CONFIGURATION_LOCATION", "arn:aws:s3:::fis-bucket/FisConfigs/*"},
        {"AWS_LAMBDA_EXEC_WRAPPER", "/opt/aws-fis/bootstrap"}};
  }

  Result<ExperimentTemplate> make(const std::string& action, json parameters) {
    json body = {{"description", "lambda"},
                 {"roleArn", kRole},
                 {"stopConditions", {{{"source", "none"}}}},
                 {"targets",
                  {{"Functions-1",
                    {{"resourceType", "aws:lambda:function"},
                     {"resourceArns", {kFunction}},
                     {"selectionMode", "ALL"}}}}},
                 {"actions",
                  {{"fault",
                    {{"actionId", action},
                     {"parameters", parameters},
                     {"targets", {{"Functions", "Functions-1"}}}}}}}};
    FAULTBOX_TRY(t, parse_create_template(body));
    FAULTBOX_TRY_VOID(TemplateValidator(builtin_actions(), &lab_, &lab_).validate(t));
    return t;
  }

  const Experiment& start(const ExperimentTemplate& t) {
    auto e = runner_.start(t, {}, clock_.now());
    EXPECT_TRUE(e) << e.error().message;
    runner_.tick(clock_.now());
    return **e;
  }

  void advance(Duration d) {
    clock_.advance(d);
    runner_.tick(clock_.now());
  }

  // The one fault configuration in the bucket.
  LambdaFaultConfig only_config() {
    EXPECT_EQ(lab_.objects.size(), 1u);
    auto config = lambda_fault_config_from_json(json::parse(lab_.objects.begin()->second));
    EXPECT_TRUE(config);
    return *config;
  }

  testing::FakeLab lab_;
  ManualClock clock_;
  Runner runner_;
};

TEST_F(LambdaFaultsTest, AddDelayWritesItsConfigurationForTheDurationOnly) {
  auto t = make("aws:lambda:invocation-add-delay",
                {{"duration", "PT3M"}, {"startupDelayMilliseconds", "35000"}});
  ASSERT_TRUE(t) << t.error().message;
  const Experiment& e = start(*t);
  ASSERT_EQ(e.status, ExperimentStatus::Running);
  auto config = only_config();
  EXPECT_EQ(lab_.objects.begin()->first.rfind("fis-bucket/FisConfigs/" + e.id, 0), 0u);
  EXPECT_EQ(config.action_id, "aws:lambda:invocation-add-delay");
  EXPECT_EQ(config.function_arn, kFunction);
  EXPECT_EQ(config.startup_delay_ms, 35000);
  EXPECT_EQ(config.invocation_percentage, 100);
  EXPECT_EQ(config.end - config.start, minutes(3));
  advance(minutes(3) - seconds(1));
  EXPECT_EQ(lab_.objects.size(), 1u);
  advance(seconds(1));
  EXPECT_TRUE(lab_.objects.empty());
  EXPECT_EQ(e.status, ExperimentStatus::Completed);
}

TEST_F(LambdaFaultsTest, StoppingTheExperimentRemovesTheFault) {
  auto t =
      make("aws:lambda:invocation-error",
           {{"duration", "PT10M"}, {"preventExecution", "true"}, {"invocationPercentage", "50"}});
  ASSERT_TRUE(t) << t.error().message;
  const Experiment& e = start(*t);
  auto config = only_config();
  EXPECT_TRUE(config.prevent_execution);
  EXPECT_EQ(config.invocation_percentage, 50);
  ASSERT_TRUE(runner_.stop(e.id, clock_.now()));
  advance(seconds(1));
  EXPECT_EQ(e.status, ExperimentStatus::Stopped);
  EXPECT_TRUE(lab_.objects.empty());
}

TEST_F(LambdaFaultsTest, HttpIntegrationResponseCarriesStatusAndContentType) {
  auto t = make("aws:lambda:invocation-http-integration-response",
                {{"duration", "PT1M"},
                 {"preventExecution", "false"},
                 {"statusCode", "503"},
                 {"contentTypeHeader", "text/plain"}});
  ASSERT_TRUE(t) << t.error().message;
  start(*t);
  auto config = only_config();
  EXPECT_EQ(config.status_code, 503);
  EXPECT_EQ(config.content_type_header, "text/plain");
  EXPECT_FALSE(config.prevent_execution);
}

TEST_F(LambdaFaultsTest, ParametersAreChecked) {
  auto too_long = make("aws:lambda:invocation-add-delay",
                       {{"duration", "PT1M"}, {"startupDelayMilliseconds", "900001"}});
  ASSERT_FALSE(too_long);
  EXPECT_NE(too_long.error().message.find("out of range"), std::string::npos);
  auto not_a_number =
      make("aws:lambda:invocation-error",
           {{"duration", "PT1M"}, {"preventExecution", "true"}, {"invocationPercentage", "half"}});
  ASSERT_FALSE(not_a_number);
  EXPECT_NE(not_a_number.error().message.find("whole number"), std::string::npos);
  auto missing = make("aws:lambda:invocation-error", {{"duration", "PT1M"}});
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("preventExecution"), std::string::npos);
}

TEST_F(LambdaFaultsTest, AFunctionWithoutTheExtensionLocationFailsTheAction) {
  lab_.functions[kFunction].erase("AWS_FIS_CONFIGURATION_LOCATION");
  auto t = make("aws:lambda:invocation-add-delay", {{"duration", "PT1M"}});
  ASSERT_TRUE(t);
  const Experiment& e = start(*t);
  EXPECT_EQ(e.status, ExperimentStatus::Failed);
  EXPECT_TRUE(lab_.objects.empty());
}

TEST_F(LambdaFaultsTest, TheRoleMustBeAllowedToPutTheObject) {
  lab_.denied_actions.insert("s3:PutObject");
  auto t = make("aws:lambda:invocation-add-delay", {{"duration", "PT1M"}});
  ASSERT_TRUE(t);
  const Experiment& e = start(*t);
  EXPECT_EQ(e.status, ExperimentStatus::Failed);
  EXPECT_TRUE(lab_.objects.empty());
}

TEST_F(LambdaFaultsTest, TargetsByTagAndArnsMustBeFunctions) {
  auto bad = make("aws:lambda:invocation-add-delay", {{"duration", "PT1M"}});
  ASSERT_TRUE(bad);
  bad->targets.at("Functions-1").resource_arns = {
      "arn:aws:ec2:eu-west-2:000000000000:instance/i-1"};
  auto refused = TemplateValidator(builtin_actions(), &lab_, &lab_).validate(*bad);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("not a Lambda function ARN"), std::string::npos);
}

TEST(LambdaFaultConfig, LocationsAsPeopleWriteThem) {
  auto a = parse_configuration_location("arn:aws:s3:::bucket/FisConfigs/*");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->bucket, "bucket");
  EXPECT_EQ(a->prefix, "FisConfigs/");
  auto b = parse_configuration_location("arn:aws:s3:::bucket/FisConfigs");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->prefix, "FisConfigs/");
  EXPECT_FALSE(parse_configuration_location("s3://bucket/FisConfigs/"));
}

}  // namespace
}  // namespace faultbox::fis
