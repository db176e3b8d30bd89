// The Lambda API as botocore calls it: CreateFunction with a zip, GetFunction's shape, pages of
// ListFunctions, and Invoke answered only once the function has (RequestResponse), at once
// (Event 202, DryRun 204), with the log's tail when asked.
#include <fstream>

#include "api/api_fixture.h"
#include "cloud/iam/iam_directory.h"
#include "cloud/lambda/functions.h"
#include "core/base64.h"

namespace faultbox::api {
namespace {

using nlohmann::json;

const std::string kEmptyZip = std::string("PK\x05\x06", 4) + std::string(18, '\0');

class LambdaApiTest : public ApiTest {
 protected:
  LambdaApiTest() {
    iam::Role role;
    role.name = "fn-role";
    role.trust_policy =
        R"({"Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},)"
        R"("Action":"sts:AssumeRole"}]})";
    cloud_.kind<cloud::IamDirectory>().directory().put_role(role, clock_.now());
    auto processes = std::make_unique<testing::FakeSupervisor>();
    processes_ = processes.get();
    cloud_.kind<cloud::Functions>().use_supervisor(std::move(processes));
  }

  net::HttpRequest request(const std::string& method, const std::string& target,
                           const std::string& body = "") {
    net::HttpRequest r;
    r.method = method;
    r.target = target;
    r.headers["authorization"] = scope("lambda");
    r.headers["content-type"] = "application/json";
    r.body = body;
    return r;
  }

  net::HttpResponse call(const std::string& method, const std::string& target,
                         const std::string& body = "") {
    auto out = handle_aws_request(cloud_, request(method, target, body));
    EXPECT_TRUE(out.has_value());
    return out ? *out : net::HttpResponse{};
  }

  void create(const std::string& name) {
    json body = {{"FunctionName", name},
                 {"Runtime", "python3.12"},
                 {"Role", "arn:aws:iam::123456789012:role/fn-role"},
                 {"Handler", "app.handler"},
                 {"Timeout", 30},
                 {"Environment", {{"Variables", {{"STAGE", "lab"}}}}},
                 {"Code", {{"ZipFile", base64_encode(kEmptyZip)}}}};
    auto r = call("POST", "/2015-03-31/functions", body.dump());
    ASSERT_EQ(r.status, 200) << r.body;
  }

  testing::FakeSupervisor* processes_ = nullptr;
};

TEST_F(LambdaApiTest, CreateThenGetAndList) {
  create("b-fn");
  create("a-fn");
  auto got = json::parse(call("GET", "/2015-03-31/functions/b-fn").body);
  const auto& c = got["Configuration"];
  EXPECT_EQ(c["FunctionArn"], "arn:aws:lambda:eu-west-2:123456789012:function:b-fn");
  EXPECT_EQ(c["Timeout"], 30);
  EXPECT_EQ(c["MemorySize"], 128);
  EXPECT_EQ(c["Environment"]["Variables"]["STAGE"], "lab");
  EXPECT_EQ(c["CodeSize"], kEmptyZip.size());
  EXPECT_EQ(c["State"], "Active");
  EXPECT_NE(got["Code"]["Location"].get<std::string>().find("/_faultbox/lambda-code/"),
            std::string::npos);
  auto page = json::parse(call("GET", "/2015-03-31/functions?MaxItems=1").body);
  ASSERT_EQ(page["Functions"].size(), 1u);
  EXPECT_EQ(page["Functions"][0]["FunctionName"], "a-fn");
  EXPECT_EQ(page["NextMarker"], "a-fn");
  auto rest = json::parse(call("GET", "/2015-03-31/functions?MaxItems=1&Marker=a-fn").body);
  EXPECT_EQ(rest["Functions"][0]["FunctionName"], "b-fn");
  EXPECT_FALSE(rest.contains("NextMarker"));
  auto missing = call("GET", "/2015-03-31/functions/nope/configuration");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.headers["x-amzn-ErrorType"].rfind("ResourceNotFoundException", 0), 0u);
  EXPECT_EQ(call("POST", "/2015-03-31/functions",
                 json{{"FunctionName", "a-fn"},
                      {"Runtime", "python3.12"},
                      {"Role", "arn:aws:iam::123456789012:role/fn-role"},
                      {"Handler", "app.handler"},
                      {"Code", {{"ZipFile", base64_encode(kEmptyZip)}}}}
                     .dump())
                .status,
            409);
}

TEST_F(LambdaApiTest, InvokeAnswersWhenTheFunctionHas) {
  create("fn");
  auto r = request("POST", "/2015-03-31/functions/fn/invocations", R"({"key1":"value1"})");
  r.headers["x-amz-log-type"] = "Tail";
  std::optional<net::HttpResponse> answer;
  ASSERT_TRUE(answer_aws_request(cloud_, r, [&](net::HttpResponse a) { answer = std::move(a); }));
  EXPECT_FALSE(answer);  // the function is still running
  ASSERT_EQ(processes_->specs.size(), 1u);
  std::ofstream(processes_->specs[0].argv.back()) << R"({"ok": {"statusCode": 200}})";
  processes_->exit_for_test(*processes_->alive.begin(), 0);
  run_for(std::chrono::seconds(1));
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 200);
  EXPECT_EQ(answer->body, R"({"statusCode":200})");
  EXPECT_EQ(answer->headers.count("X-Amz-Function-Error"), 0u);
  EXPECT_EQ(answer->headers["X-Amz-Executed-Version"], "$LATEST");
  auto log = base64_decode(answer->headers["X-Amz-Log-Result"]);
  ASSERT_TRUE(log);
  EXPECT_NE(log->find("REPORT RequestId: "), std::string::npos);
}

TEST_F(LambdaApiTest, EventAndDryRunAnswerAtOnce) {
  create("fn");
  auto event = request("POST", "/2015-03-31/functions/fn/invocations", "{}");
  event.headers["x-amz-invocation-type"] = "Event";
  auto queued = handle_aws_request(cloud_, event);
  ASSERT_TRUE(queued);
  EXPECT_EQ(queued->status, 202);
  EXPECT_EQ(processes_->specs.size(), 1u);
  auto dry = request("POST", "/2015-03-31/functions/fn/invocations", "{}");
  dry.headers["x-amz-invocation-type"] = "DryRun";
  EXPECT_EQ(handle_aws_request(cloud_, dry)->status, 204);
  EXPECT_EQ(processes_->specs.size(), 1u);
}

}  // namespace
}  // namespace faultbox::api
