// Lambda functions in the Cloud with a manual clock and no processes: Lambda's checks on create,
// an invocation's process (its command and environment), its answer, its time-out in lab time,
// the FIS extension's delay and error read from the function's S3 location, the log group's
// START/END/REPORT, and a restart keeping functions and test events.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <filesystem>
#include <fstream>

#include "cloud/cloud.h"
#include "cloud/iam/iam_directory.h"
#include "cloud/lambda/functions.h"
#include "cloud/lambda/lambda_sandbox.h"
#include "cloud/lambda/python_bootstrap.h"
#include "cloud/region_services.h"
#include "cloud/s3/buckets.h"
#include "core/json_text.h"
#include "fis/lambda_fault_config.h"
#include "support/fake_supervisor.h"

namespace faultbox::cloud {
namespace {

using std::chrono::seconds;
namespace fs = std::filesystem;

constexpr const char* kRegion = "eu-west-2";
constexpr const char* kRole = "arn:aws:iam::000000000000:role/lambda";
// The smallest valid zip: an empty archive (its end-of-central-directory record).
const std::string kEmptyZip = std::string("PK\x05\x06", 4) + std::string(18, '\0');

// A manual lab clock whose speed a test may set (the lab's --speed).
class SpeedClock final : public Clock {
 public:
  TimePoint now() const override { return manual_.now(); }
  double speed() const override { return speed_; }
  void advance(Duration d) { manual_.advance(d); }
  void set_speed(double speed) { speed_ = speed; }

 private:
  ManualClock manual_;
  double speed_ = 1.0;
};

class LambdaFunctionsTest : public ::testing::Test {
 protected:
  LambdaFunctionsTest() {
    cloud_ = make_cloud();
    iam::Role role;
    role.name = "lambda";
    role.trust_policy =
        R"({"Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},)"
        R"("Action":"sts:AssumeRole"}]})";
    cloud_->kind<IamDirectory>().directory().put_role(role, clock_.now());
  }
  ~LambdaFunctionsTest() override { fs::remove_all(dir_); }

  std::string sandbox_program_ = "/usr/bin/bwrap";

  std::unique_ptr<Cloud> make_cloud() {
    CloudOptions o;
    o.data_dir = dir_;
    o.api_endpoint = "http://127.0.0.1:4566";
    o.sandbox_program = sandbox_program_;
    auto cloud = std::make_unique<Cloud>(clock_, supervisor_, control_, data_, o);
    auto processes = std::make_unique<testing::FakeSupervisor>();
    processes_ = processes.get();
    cloud->kind<Functions>().use_supervisor(std::move(processes));
    return cloud;
  }

  Functions& functions() { return cloud_->kind<Functions>(); }

  LambdaFunction spec(std::string name = "fn") {
    LambdaFunction f;
    f.name = std::move(name);
    f.region = kRegion;
    f.role = kRole;
    f.handler = "lambda_function.lambda_handler";
    f.runtime = "python3.12";
    f.timeout_s = 30;
    return f;
  }

  // Invokes; the answer lands in `answer_`.
  void invoke(const std::string& payload = "{}") {
    answer_.reset();
    functions().invoke(kRegion, "fn", payload,
                       [this](Result<InvocationResult> r) { answer_ = std::move(r); });
  }

  void advance(Duration d) {
    clock_.advance(d);
    cloud_->tick(clock_.now());
  }

  // The running invocation's process has imported the handler's module (Init is over) now.
  void process_initialized() {
    const auto dir = fs::path(processes_->specs.back().argv.back()).parent_path();
    std::ofstream(dir / kInitializedMarker) << clock_.now().time_since_epoch().count();
  }

  // The running invocation's process writes its result and exits.
  void process_returns(const std::string& result) {
    const auto& spec = processes_->specs.back();
    std::ofstream(spec.argv.back()) << result;
    processes_->exit_for_test(*processes_->alive.rbegin(), 0);
    advance(Duration(50));
  }

  std::vector<std::string> log_lines() {
    std::vector<std::string> out;
    const auto* group = cloud_->region(kRegion).logs.find_group("/aws/lambda/fn");
    if (group == nullptr) {
      return out;
    }
    for (const auto& [name, stream] : group->streams) {
      for (const auto& e : stream.events) {
        out.push_back(e.message);
      }
    }
    return out;
  }

  void with_fis_extension(LambdaFunction& f) {
    f.environment = {{"AWS_FIS_CONFIGURATION_LOCATION", "arn:aws:s3:::fis-configs/FisConfigs/*"},
                     {"AWS_LAMBDA_EXEC_WRAPPER", "/opt/aws-fis/bootstrap"}};
    f.layers = {"arn:aws:lambda:eu-west-2:637423427737:layer:aws-fis-extension-x86_64:9"};
    ASSERT_TRUE(cloud_->kind<Buckets>().create("fis-configs", kRegion));
  }

  // A function with the FIS extension, and an active fault configuration of `action` for it.
  void extended_function_with_fault(const std::string& action, int delay_ms = 0,
                                    bool prevent_execution = false) {
    auto f = spec();
    with_fis_extension(f);
    ASSERT_TRUE(functions().create(f, kEmptyZip));
    fis::LambdaFaultConfig fault;
    fault.action_id = action;
    fault.startup_delay_ms = delay_ms;
    fault.prevent_execution = prevent_execution;
    put_fault(fault);
  }

  void put_fault(fis::LambdaFaultConfig c) {
    c.function_arn = "arn:aws:lambda:eu-west-2:000000000000:function:fn";
    c.start = clock_.now();
    c.end = clock_.now() + std::chrono::minutes(3);
    S3Object o;
    o.key = "FisConfigs/" + c.action_id + ".json";
    ASSERT_TRUE(cloud_->kind<Buckets>().put_object("fis-configs", o, json_text(fis::to_json(c))));
  }

  fs::path dir_ =
      fs::temp_directory_path() / ("faultbox-lambda-test-" + std::to_string(::getpid()));
  SpeedClock clock_;
  testing::FakeSupervisor supervisor_;
  testing::FakeSupervisor* processes_ = nullptr;
  boost::asio::io_context control_;
  boost::asio::io_context data_;
  std::unique_ptr<Cloud> cloud_;
  std::optional<Result<InvocationResult>> answer_;
};

TEST_F(LambdaFunctionsTest, CreateChecksWhatLambdaChecks) {
  auto bad_runtime = spec();
  bad_runtime.runtime = "nodejs20.x";
  EXPECT_EQ(functions().create(bad_runtime, kEmptyZip).error().code,
            "InvalidParameterValueException");
  auto bad_role = spec();
  bad_role.role = "arn:aws:iam::000000000000:role/nobody";
  EXPECT_NE(functions().create(bad_role, kEmptyZip).error().message.find("cannot be assumed"),
            std::string::npos);
  auto too_long = spec();
  too_long.timeout_s = 901;
  EXPECT_EQ(functions().create(too_long, kEmptyZip).error().code, "ValidationException");
  EXPECT_EQ(functions().create(spec("bad name"), kEmptyZip).error().code, "ValidationException");
  EXPECT_NE(functions().create(spec(), "not a zip").error().message.find("Could not unzip"),
            std::string::npos);
  ASSERT_TRUE(functions().create(spec(), kEmptyZip));
  EXPECT_EQ(functions().create(spec(), kEmptyZip).error().code, "ResourceConflictException");
  EXPECT_NE(functions().find(kRegion, "arn:aws:lambda:eu-west-2:000000000000:function:fn"),
            nullptr);
  EXPECT_EQ(functions().find("us-east-1", "fn"), nullptr);
}

TEST_F(LambdaFunctionsTest, AnInvocationRunsTheHandlerWithLambdasEnvironment) {
  auto f = spec();
  f.environment = {{"LOG_LEVEL", "DEBUG"}, {"AWS_REGION", "forged"}};
  ASSERT_TRUE(functions().create(f, kEmptyZip));
  invoke(R"({"key1":"value1"})");
  ASSERT_EQ(processes_->specs.size(), 1u);
  const auto& spawned = processes_->specs[0];
  // In its sandbox: the machine's programs but not its files, its own directory writable.
  ASSERT_EQ(spawned.argv[0], "/usr/bin/bwrap");
  auto dashdash = std::find(spawned.argv.begin(), spawned.argv.end(), "--");
  ASSERT_NE(dashdash, spawned.argv.end());
  const std::vector<std::string> sandbox(spawned.argv.begin(), dashdash);
  EXPECT_NE(std::find(sandbox.begin(), sandbox.end(), "/usr"), sandbox.end());
  EXPECT_EQ(std::find(sandbox.begin(), sandbox.end(), "/root"), sandbox.end());
  EXPECT_NE(std::find(sandbox.begin(), sandbox.end(), "ALL"), sandbox.end());  // --cap-drop
  const std::vector<std::string> argv(dashdash + 1, spawned.argv.end());
  const auto& process = spawned;
  ASSERT_GE(argv.size(), 8u);
  EXPECT_EQ(argv[0], "python3");
  EXPECT_EQ(argv[5], "lambda_function.lambda_handler");
  const auto invocation_dir = fs::path(argv[6]).parent_path().string();
  EXPECT_NE(std::find(sandbox.begin(), sandbox.end(), invocation_dir), sandbox.end());
  EXPECT_EQ(fs::path(argv[4]).parent_path(), invocation_dir);  // its code unpacked there
  EXPECT_EQ(process.env.at("AWS_ENDPOINT_URL"), "http://127.0.0.1:4566");
  EXPECT_EQ(process.env.at("AWS_LAMBDA_FUNCTION_NAME"), "fn");
  EXPECT_EQ(process.env.at("LOG_LEVEL"), "DEBUG");
  EXPECT_EQ(process.env.at("AWS_REGION"), kRegion);  // Lambda's reserved variables win
  std::ifstream event(argv[6]);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(event), {}), R"({"key1":"value1"})");
  EXPECT_FALSE(answer_);
  process_returns(R"({"ok": {"statusCode": 200}})");
  ASSERT_TRUE(answer_ && *answer_);
  EXPECT_EQ((*answer_)->payload, R"({"statusCode":200})");
  EXPECT_EQ((*answer_)->function_error, "");
  auto lines = log_lines();
  ASSERT_GE(lines.size(), 3u);
  EXPECT_EQ(lines.front().rfind("START RequestId: " + (*answer_)->request_id, 0), 0u);
  EXPECT_EQ(lines.back().rfind("REPORT RequestId: " + (*answer_)->request_id, 0), 0u);
}

// Never outside a sandbox: without bubblewrap the invocation fails and says why.
TEST_F(LambdaFunctionsTest, WithoutASandboxNoCodeRuns) {
  sandbox_program_.clear();
  auto records = cloud_->to_records();
  cloud_ = make_cloud();
  ASSERT_TRUE(cloud_->restore(records));
  ASSERT_TRUE(functions().create(spec(), kEmptyZip));
  invoke();
  EXPECT_TRUE(processes_->specs.empty());
  ASSERT_TRUE(answer_ && *answer_);
  EXPECT_EQ((*answer_)->function_error, "Unhandled");
  EXPECT_NE((*answer_)->payload.find("Runtime.Unavailable"), std::string::npos);
  EXPECT_NE((*answer_)->payload.find("bubblewrap"), std::string::npos);
}

// bwrap reports its child's death by signal N as exit status 128 + N.
TEST(LambdaSandbox, ASignalledChildIsReportedAsTheSignal) {
  auto killed = sandboxed_exit(137, std::nullopt);
  EXPECT_EQ(killed.term_signal, 9);
  EXPECT_FALSE(killed.exit_code);
  EXPECT_EQ(sandboxed_exit(1, std::nullopt).exit_code, 1);
  EXPECT_EQ(sandboxed_exit(std::nullopt, 9).term_signal, 9);
}

TEST_F(LambdaFunctionsTest, AHandlerErrorIsAnUnhandledFunctionError) {
  ASSERT_TRUE(functions().create(spec(), kEmptyZip));
  invoke();
  process_returns(R"({"error": {"errorType": "KeyError", "errorMessage": "'x'"}})");
  ASSERT_TRUE(answer_ && *answer_);
  EXPECT_EQ((*answer_)->function_error, "Unhandled");
  EXPECT_NE((*answer_)->payload.find("KeyError"), std::string::npos);
}

TEST_F(LambdaFunctionsTest, AProcessThatDiesWithoutAResultIsARuntimeExitError) {
  ASSERT_TRUE(functions().create(spec(), kEmptyZip));
  invoke();
  processes_->exit_for_test(*processes_->alive.begin(), 1);
  advance(Duration(50));
  ASSERT_TRUE(answer_ && *answer_);
  EXPECT_NE((*answer_)->payload.find("Runtime.ExitError"), std::string::npos);
  EXPECT_NE((*answer_)->payload.find("exit status 1"), std::string::npos);
}

TEST_F(LambdaFunctionsTest, TheTimeoutIsLabTimeAndKillsTheProcess) {
  ASSERT_TRUE(functions().create(spec(), kEmptyZip));
  invoke();
  process_initialized();
  int pid = *processes_->alive.begin();
  advance(seconds(29));
  EXPECT_FALSE(answer_);
  advance(seconds(1));
  ASSERT_TRUE(answer_ && *answer_);
  EXPECT_TRUE(processes_->signalled(pid, SIGKILL));
  EXPECT_EQ((*answer_)->function_error, "Unhandled");
  EXPECT_NE((*answer_)->payload.find("\"errorType\":\"Sandbox.Timedout\""), std::string::npos);
  EXPECT_NE((*answer_)->payload.find("Task timed out after 30.00 seconds"), std::string::npos);
  EXPECT_EQ((*answer_)->duration, seconds(30));
}

TEST_F(LambdaFunctionsTest, InitUpToTenSecondsIsOutsideTheTimeoutAndReportedApart) {
  ASSERT_TRUE(functions().create(spec(), kEmptyZip));
  invoke();
  advance(seconds(4));
  process_initialized();
  advance(seconds(29));
  EXPECT_FALSE(answer_);  // 33 s since the call, 29 of them in the handler
  process_returns(R"({"ok": 1})");
  ASSERT_TRUE(answer_ && *answer_);
  EXPECT_EQ((*answer_)->payload, "1");
  EXPECT_EQ((*answer_)->duration, Duration(29'050));
  auto report = log_lines().back();
  EXPECT_NE(report.find("\tDuration: 29050.00 ms\t"), std::string::npos) << report;
  EXPECT_NE(report.find("\tInit Duration: 4000.00 ms"), std::string::npos) << report;
}

TEST_F(LambdaFunctionsTest, InitBeyondTenSecondsCountsAgainstTheTimeout) {
  ASSERT_TRUE(functions().create(spec(), kEmptyZip));
  invoke();
  advance(seconds(39));
  EXPECT_FALSE(answer_);
  advance(seconds(1));  // 10 s of Init, then 30 of the timeout
  ASSERT_TRUE(answer_ && *answer_);
  EXPECT_NE((*answer_)->payload.find("Sandbox.Timedout"), std::string::npos);
  EXPECT_EQ((*answer_)->duration, seconds(30));
}

TEST_F(LambdaFunctionsTest, AtSpeedTheCodesRunIsTimedOnTheWallClock) {
  clock_.set_speed(20);
  ASSERT_TRUE(functions().create(spec(), kEmptyZip));
  invoke();
  process_initialized();
  advance(seconds(6));  // 300 ms on the wall clock
  process_returns(R"({"ok": 1})");
  ASSERT_TRUE(answer_ && *answer_);
  EXPECT_EQ((*answer_)->duration, Duration(302));  // 300 ms, and the 50 ms lab-time tick
  invoke();
  process_initialized();
  advance(seconds(599));
  EXPECT_FALSE(answer_);  // 29.95 s of the function's 30
  advance(seconds(1));
  ASSERT_TRUE(answer_ && *answer_);
  EXPECT_NE((*answer_)->payload.find("Sandbox.Timedout"), std::string::npos);
  EXPECT_EQ((*answer_)->duration, seconds(30));
}

TEST_F(LambdaFunctionsTest, AtSpeedTheFisDelayIsLabTime) {
  clock_.set_speed(20);
  extended_function_with_fault("aws:lambda:invocation-add-delay", 35000);
  invoke();
  advance(seconds(30));
  ASSERT_TRUE(answer_ && *answer_);
  EXPECT_NE((*answer_)->payload.find("Sandbox.Timedout"), std::string::npos);
}

TEST_F(LambdaFunctionsTest, TheFisExtensionsDelayCountsAgainstTheTimeout) {
  extended_function_with_fault("aws:lambda:invocation-add-delay", 35000);
  invoke();
  EXPECT_TRUE(processes_->specs.empty());  // not started during the delay
  advance(seconds(30));
  ASSERT_TRUE(answer_ && *answer_);
  EXPECT_TRUE(processes_->specs.empty());
  EXPECT_NE((*answer_)->payload.find("Sandbox.Timedout"), std::string::npos);
  auto lines = log_lines();
  EXPECT_NE(
      std::find(lines.begin(), lines.end(), "AWS FIS extension: aws:lambda:invocation-add-delay"),
      lines.end());
}

TEST_F(LambdaFunctionsTest, AShortDelayOnlyDelays) {
  extended_function_with_fault("aws:lambda:invocation-add-delay", 2000);
  invoke();
  advance(seconds(1));
  EXPECT_TRUE(processes_->specs.empty());
  advance(seconds(1));
  ASSERT_EQ(processes_->specs.size(), 1u);
  process_returns(R"({"ok": null})");
  ASSERT_TRUE(answer_ && *answer_);
  EXPECT_EQ((*answer_)->payload, "null");
}

TEST_F(LambdaFunctionsTest, APreventedExecutionAnswersWithoutAProcess) {
  extended_function_with_fault("aws:lambda:invocation-error", 0, true);
  invoke();
  ASSERT_TRUE(answer_ && *answer_);
  EXPECT_TRUE(processes_->specs.empty());
  EXPECT_EQ((*answer_)->function_error, "Unhandled");
}

TEST_F(LambdaFunctionsTest, WithoutTheExtensionTheFaultsDoNothing) {
  auto f = spec();
  with_fis_extension(f);
  f.layers.clear();  // as on AWS: the layer is what applies them
  ASSERT_TRUE(functions().create(f, kEmptyZip));
  fis::LambdaFaultConfig error;
  error.action_id = "aws:lambda:invocation-error";
  error.prevent_execution = true;
  put_fault(error);
  invoke();
  EXPECT_EQ(processes_->specs.size(), 1u);
}

TEST_F(LambdaFunctionsTest, AnExpiredFaultConfigurationIsIgnored) {
  extended_function_with_fault("aws:lambda:invocation-error", 0, true);
  advance(std::chrono::minutes(3));  // the lab died before the action removed it
  invoke();
  EXPECT_EQ(processes_->specs.size(), 1u);
}

TEST_F(LambdaFunctionsTest, FunctionsAndTestEventsSurviveARestart) {
  ASSERT_TRUE(functions().create(spec(), kEmptyZip));
  ASSERT_TRUE(functions().save_test_event(kRegion, "fn", "test", R"({"a":1})"));
  EXPECT_FALSE(functions().save_test_event(kRegion, "fn", "bad name!", "{}"));
  EXPECT_FALSE(functions().save_test_event(kRegion, "fn", "x", "{not json"));
  auto records = cloud_->to_records();
  cloud_ = make_cloud();
  ASSERT_TRUE(cloud_->restore(records));
  const auto* f = functions().find(kRegion, "fn");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->timeout_s, 30);
  EXPECT_EQ(f->test_events.at("test"), R"({"a":1})");
  EXPECT_TRUE(fs::exists(functions().code_path(*f)));
}

}  // namespace
}  // namespace faultbox::cloud
