// Lambda functions: their configuration and code (a zip in the lab's data directory), and their
// invocations, run for real by the machine's Python (see invocations.h). Functions are named
// per region, as Lambda's are.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "cloud/kind.h"

namespace faultbox::compute {
class ProcessSupervisor;
}

namespace faultbox::cloud {

class Cloud;
class Invocations;

struct LambdaFunction {
  std::string name;
  std::string region;
  std::string role;     // the execution role's ARN
  std::string handler;  // "module.function"
  std::string runtime;  // "python3.12"
  std::string description;
  int memory_mb = 128;  // 128-10240, as Lambda allows
  int timeout_s = 3;    // 1-900
  std::map<std::string, std::string> environment;
  std::vector<std::string> layers;  // layer version ARNs, recorded (the lab runs none)
  std::map<std::string, std::string> tags;
  // Computed from the code and the changes.
  std::string code_sha256;  // base64 of the zip's SHA-256, as CodeSha256
  std::size_t code_size = 0;
  TimePoint last_modified{};
  std::string revision_id;
  // The console's saved test events: name -> the event's JSON text.
  std::map<std::string, std::string> test_events;
};

// What Invoke answers: the function's result (or its error, as Lambda shapes it), and the tail
// of its log.
struct InvocationResult {
  std::string request_id;
  std::string payload;         // JSON
  std::string function_error;  // "" or "Unhandled", Lambda's X-Amz-Function-Error
  std::string log_tail;        // the invocation's log lines (the last 4 KB)
  Duration duration{0};        // lab time from the call to the answer
};
using InvocationDone = std::function<void(Result<InvocationResult>)>;

// CreateFunction's error for a name taken in the region.
Error function_exists(const std::string& name);

class Functions final : public Kind {
 public:
  explicit Functions(Cloud& cloud);
  ~Functions() override;

  // CreateFunction: a name Lambda accepts, a python3.x runtime (the lab runs no other), a role
  // that exists, bounds on memory and timeout; the zip is kept in the data directory.
  // ResourceConflictException when the name is taken in the region.
  Result<const LambdaFunction*> create(LambdaFunction spec, std::string_view zip);
  // UpdateFunctionConfiguration and, with a zip, UpdateFunctionCode, in one step.
  Result<const LambdaFunction*> update(LambdaFunction spec, std::optional<std::string_view> zip);
  Result<void> remove(const std::string& region, const std::string& name);
  // By name, or by a function ARN (with or without the $LATEST qualifier) of `region`.
  const LambdaFunction* find(const std::string& region, const std::string& name_or_arn) const;
  Result<const LambdaFunction*> get(const std::string& region,
                                    const std::string& name_or_arn) const;
  std::vector<const LambdaFunction*> in_region(const std::string& region) const;
  const std::map<std::string, LambdaFunction>& all() const { return functions_; }
  std::string arn(const LambdaFunction& f) const;
  std::filesystem::path code_path(const LambdaFunction& f) const;

  // The console's test events: saved (replacing one of the same name) and removed. The event
  // must be JSON; names as the console allows (1-25 of letters, digits, '-', '_').
  Result<void> save_test_event(const std::string& region, const std::string& function,
                               const std::string& event_name, const std::string& event);
  Result<void> remove_test_event(const std::string& region, const std::string& function,
                                 const std::string& event_name);

  // Runs the function with `payload` (an event in JSON); `done` gets the result when it has
  // returned, failed or timed out (lab time), on the control strand.
  void invoke(const std::string& region, const std::string& name, std::string payload,
              InvocationDone done);

  // Tests run invocations without processes.
  void use_supervisor(std::unique_ptr<compute::ProcessSupervisor> supervisor);

  void tick(TimePoint now) override;
  void save(Records& out) const override;
  Result<void> restore(const Records& saved) override;

 private:
  static std::string key(const std::string& region, const std::string& name);
  Result<void> validate(const LambdaFunction& spec) const;
  Result<void> store_code(LambdaFunction& f, std::string_view zip);

  Cloud& cloud_;
  std::filesystem::path root_;                       // <data dir>/lambda
  std::map<std::string, LambdaFunction> functions_;  // by key(region, name)
  std::unique_ptr<Invocations> invocations_;
  std::mt19937_64 fault_draws_{std::random_device{}()};  // invocationPercentage
};

}  // namespace faultbox::cloud
