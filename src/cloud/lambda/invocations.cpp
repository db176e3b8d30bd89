#include "cloud/lambda/invocations.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <signal.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cloud/cloud.h"
#include "cloud/lambda/lambda_sandbox.h"
#include "cloud/lambda/python_bootstrap.h"
#include "cloud/region_services.h"
#include "cloud/sts/sessions.h"
#include "compute/process_tree.h"
#include "core/file_write.h"
#include "core/iso8601.h"
#include "core/json_text.h"
#include "core/uuid.h"
#include "image/sandbox.h"

namespace faultbox::cloud {

namespace fs = std::filesystem;
using nlohmann::json;

struct Invocations::Running {
  LambdaFunction function;
  std::string arn;
  fs::path code;
  std::string request_id;
  std::string log_stream;
  fs::path dir;  // <root>/run/<request id>
  InvocationFaults faults;
  InvocationDone done;
  TimePoint invoked{};
  TimePoint run_at{};  // after the startup delay
  Duration timeout{};
  TimePoint spawned_at{};
  std::optional<TimePoint> initialized_at;  // once the handler's module is imported
  std::optional<int> pid;
  long peak_rss_kb = 0;
  bool timed_out = false;
};

namespace {

constexpr std::size_t kLogTailBytes = 4096;
// Lambda gives a function's Init phase (the runtime's start and the handler module's import) 10
// seconds of its own, outside the function's timeout; what Init takes beyond counts against it.
constexpr auto kInitAllowance = std::chrono::seconds(10);

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The resident memory of a process in kB, 0 when it cannot be read (gone, or not a process).
long resident_kb(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) {
      return std::strtol(line.c_str() + 6, nullptr, 10);
    }
  }
  return 0;
}

// Of the sandbox and all it runs: the function's code is a few processes below the one the lab
// started.
long resident_kb_of_tree(int pid) {
  long total = 0;
  for (int member : compute::process_tree(pid)) total += resident_kb(member);
  return total;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    out.push_back(line);
  }
  return out;
}

// Lambda's error payload for errors of the sandbox (time-out, memory, a runtime that died).
InvocationResult sandbox_error(const std::string& request_id, const std::string& type,
                               const std::string& what) {
  InvocationResult r;
  r.request_id = request_id;
  r.function_error = "Unhandled";
  r.payload = json_text(
      json{{"errorType", type}, {"errorMessage", "RequestId: " + request_id + " Error: " + what}});
  return r;
}

// What aws:lambda:invocation-http-integration-response answers: a proxy integration's response
// with the action's status code and content type.
std::string integration_response(const InvocationFaults& faults) {
  return json_text(json{{"statusCode", faults.http_status.value_or(200)},
                        {"headers", {{"Content-Type", faults.content_type}}},
                        {"body", ""}});
}

// "2024/11/22/[$LATEST]<32 hex>", as Lambda names an execution environment's stream.
std::string log_stream_name(TimePoint now) {
  std::string hex = random_uuid();
  std::erase(hex, '-');
  return fmt::format("{:%Y/%m/%d}/[$LATEST]{}", utc_calendar(now), hex);
}

}  // namespace

Invocations::Invocations(Cloud& cloud, fs::path root)
    : cloud_(cloud), root_(std::move(root)), supervisor_([&cloud] {
        auto supervisor = std::make_unique<compute::PosixSupervisor>();
        if (cloud.options().child_nice) {
          supervisor->start_children_at_nice(*cloud.options().child_nice);
        }
        return supervisor;
      }()) {
  // What invocations cut short by a lab that died left behind.
  std::error_code ec;
  fs::remove_all(root_ / "run", ec);
}

Invocations::~Invocations() = default;

void Invocations::use_supervisor(std::unique_ptr<compute::ProcessSupervisor> supervisor) {
  supervisor_ = std::move(supervisor);
}

void Invocations::start(const LambdaFunction& function, const std::string& function_arn,
                        const fs::path& code, std::string payload, InvocationFaults faults,
                        InvocationDone done) {
  if (running_.size() >= kMaxConcurrentInvocations) {
    done(Error{"TooManyRequestsException",
               fmt::format("Rate Exceeded. The lab runs at most {} invocations at once.",
                           kMaxConcurrentInvocations),
               429});
    return;
  }
  TimePoint now = cloud_.clock().now();
  auto r = std::make_unique<Running>();
  r->function = function;
  r->arn = function_arn;
  r->code = code;
  r->request_id = random_uuid();
  r->log_stream = log_stream_name(now);
  r->dir = root_ / "run" / r->request_id;
  r->faults = std::move(faults);
  r->done = std::move(done);
  r->invoked = now;
  r->run_at = now + r->faults.startup_delay;
  r->timeout = std::chrono::seconds(function.timeout_s);
  std::error_code ec;
  fs::create_directories(r->dir, ec);
  auto written = write_file_atomically(r->dir / "event.json", payload);
  if (ec || !written) {
    r->done(errors::internal("cannot prepare the invocation in " + r->dir.string()));
    return;
  }
  int key = next_++;
  Running& ref = *r;
  running_[key] = std::move(r);
  // A fault that answers instead of the function (preventExecution) needs no process.
  if (ref.faults.prevent_execution) {
    InvocationResult injected;
    injected.request_id = ref.request_id;
    if (ref.faults.http_status) {
      injected.payload = integration_response(ref.faults);
    } else {
      injected = sandbox_error(ref.request_id, "FisInjectedError",
                               "An error was injected by AWS FIS (aws:lambda:invocation-error)");
    }
    finish(key, std::move(injected), now);
    return;
  }
  if (ref.run_at <= now) {
    spawn(key, ref, now);
  }
}

void Invocations::spawn(int key, Running& r, TimePoint now) {
  r.spawned_at = now;
  fs::path bootstrap = root_ / "bootstrap.py";
  if (!bootstrap_written_) {  // once per lab: this binary's bootstrap replaces an older one
    bootstrap_written_ = write_file_atomically(bootstrap, python_bootstrap()).has_value();
  }
  const LambdaFunction& f = r.function;
  const auto& options = cloud_.options();
  if (options.sandbox_program.empty() || !options.sandbox_problem.empty()) {
    finish(key,
           sandbox_error(r.request_id, "Runtime.Unavailable",
                         "a function's code runs in a sandbox of its own, which needs "
                         "bubblewrap: " +
                             (options.sandbox_problem.empty()
                                  ? std::string("apt-get install bubblewrap")
                                  : options.sandbox_problem)),
           now);
    return;
  }
  const auto etc = root_ / "etc";
  if (auto prepared = image::prepare_readable_etc(etc); !prepared) {
    finish(key, sandbox_error(r.request_id, "Runtime.Unavailable", prepared.error().message), now);
    return;
  }
  compute::ProcessSpec spec;
  // Unpacked in the invocation's own directory: the one place its sandbox may write, so no
  // function can change another's code.
  const fs::path code_dir = r.dir / "code";
  spec.argv = lambda_sandbox_command({options.sandbox_program, etc, r.dir, r.code, bootstrap},
                                     {"python3", "-u", bootstrap.string(), r.code.string(),
                                      code_dir.string(), f.handler, (r.dir / "event.json").string(),
                                      (r.dir / "result.json").string()});
  spec.env = f.environment;
  const auto budget = r.timeout - (now - r.invoked);  // wall-clock time from here (run_time)
  std::map<std::string, std::string> lambda_env = {
      {"PATH", "/usr/local/bin:/usr/bin:/bin"},
      {"LANG", "en_US.UTF-8"},
      {"TZ", ":UTC"},
      {"HOME", r.dir.string()},
      {"LAMBDA_TASK_ROOT", code_dir.string()},
      {"_HANDLER", f.handler},
      {"AWS_REGION", f.region},
      {"AWS_DEFAULT_REGION", f.region},
      {"AWS_EXECUTION_ENV", "AWS_Lambda_" + f.runtime},
      {"AWS_LAMBDA_FUNCTION_NAME", f.name},
      {"AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"},
      {"AWS_LAMBDA_FUNCTION_MEMORY_SIZE", std::to_string(f.memory_mb)},
      {"AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + f.name},
      {"AWS_LAMBDA_LOG_STREAM_NAME", r.log_stream},
      {"AWS_LAMBDA_REQUEST_ID", r.request_id},
      {"FAULTBOX_LAMBDA_FUNCTION_ARN", r.arn},
      {"FAULTBOX_LAMBDA_BUDGET_MS", std::to_string(budget.count())},
      // For log lines in lab time (python_bootstrap.cpp).
      {"FAULTBOX_LAB_EPOCH_MS", std::to_string(now.time_since_epoch().count())},
      {"FAULTBOX_REAL_EPOCH_MS",
       std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count())},
      {"FAULTBOX_LAB_SPEED", fmt::format("{}", cloud_.clock().speed())},
      // The function's AWS calls reach the lab, with keys as Lambda gives a role's session.
      {"AWS_ENDPOINT_URL", cloud_.options().api_endpoint},
  };
  // The function's AWS calls reach the lab with keys of a session of its execution role, as
  // Lambda gives them. A role that is gone or does not trust Lambda gets placeholder keys, which
  // only a lab that does not check signatures takes.
  auto session = cloud_.kind<Sessions>().service_session(f.role, "lambda.amazonaws.com", f.name);
  if (session) {
    lambda_env["AWS_ACCESS_KEY_ID"] = (*session)->access_key;
    lambda_env["AWS_SECRET_ACCESS_KEY"] = (*session)->secret_key;
    lambda_env["AWS_SESSION_TOKEN"] = (*session)->session_token;
  } else {
    lambda_env["AWS_ACCESS_KEY_ID"] = "ASIAFAULTBOXLAMBDA00";
    lambda_env["AWS_SECRET_ACCESS_KEY"] = "faultbox-lambda-session";
    lambda_env["AWS_SESSION_TOKEN"] = "faultbox-lambda-" + f.name;
  }
  for (auto& [name, value] : lambda_env) {
    spec.env[name] = value;  // Lambda's reserved variables win over the function's
  }
  spec.working_dir = r.dir.string();
  spec.log_path = (r.dir / "output.log").string();
  auto pid = supervisor_->spawn(spec);
  if (!pid) {
    finish(key,
           sandbox_error(r.request_id, "Runtime.Unavailable",
                         "the lab cannot start python3: " + pid.error().message),
           now);
    return;
  }
  r.pid = *pid;
  by_pid_[*pid] = key;
}

InvocationResult Invocations::outcome_of_exit(Running& r, const compute::ProcessExit& exit) {
  auto text = read_file(r.dir / "result.json");
  auto parsed = parse_json(text, "the invocation's result");
  json outcome = parsed ? *parsed : json();
  InvocationResult result;
  result.request_id = r.request_id;
  if (outcome.is_object() && outcome.contains("ok")) {
    result.payload = json_text(outcome["ok"]);
  } else if (outcome.is_object() && outcome.contains("error")) {
    result.function_error = "Unhandled";
    result.payload = json_text(outcome["error"]);
  } else {
    const auto ended = sandboxed_exit(exit.exit_code, exit.term_signal);
    std::string how = ended.term_signal
                          ? fmt::format("signal: {}", strsignal(*ended.term_signal))
                          : fmt::format("exit status {}", ended.exit_code.value_or(0));
    result = sandbox_error(r.request_id, "Runtime.ExitError", "Runtime exited with error: " + how);
  }
  // aws:lambda:invocation-error and -http-integration-response without preventExecution: the
  // function ran, its answer is replaced.
  if (r.faults.fail) {
    result = sandbox_error(r.request_id, "FisInjectedError",
                           "An error was injected by AWS FIS (aws:lambda:invocation-error)");
  } else if (r.faults.http_status) {
    result.function_error.clear();
    result.payload = integration_response(r.faults);
  }
  return result;
}

void Invocations::tick(TimePoint now) {
  for (const auto& exit : supervisor_->reap()) {
    auto it = by_pid_.find(exit.pid);
    if (it == by_pid_.end()) {
      continue;  // killed after its invocation ended
    }
    int key = it->second;
    by_pid_.erase(it);
    auto running = running_.find(key);
    if (running != running_.end()) {
      finish(key, outcome_of_exit(*running->second, exit), now);
    }
  }
  std::vector<int> keys;
  for (const auto& [key, r] : running_) {
    keys.push_back(key);
  }
  for (int key : keys) {
    auto it = running_.find(key);
    if (it == running_.end()) {
      continue;
    }
    Running& r = *it->second;
    if (r.pid) {
      r.peak_rss_kb = std::max(r.peak_rss_kb, resident_kb_of_tree(*r.pid));
      if (r.peak_rss_kb > static_cast<long>(r.function.memory_mb) * 1024) {
        supervisor_->signal(*r.pid, SIGKILL);
        finish(key,
               sandbox_error(r.request_id, "Runtime.OutOfMemory",
                             "Runtime exited with error: signal: killed"),
               now);
        continue;
      }
    }
    see_init_end(r, now);
    if (run_time(r, now) >= r.timeout) {
      if (r.pid) {
        supervisor_->signal(*r.pid, SIGKILL);
      }
      r.timed_out = true;
      finish(key,
             sandbox_error(r.request_id, "Sandbox.Timedout",
                           fmt::format("Task timed out after {}.00 seconds", r.function.timeout_s)),
             now);
      continue;
    }
    if (!r.pid && r.run_at <= now) {
      spawn(key, r, now);
    }
  }
}

void Invocations::see_init_end(Running& r, TimePoint now) {
  if (!r.pid || r.initialized_at) {
    return;
  }
  auto text = read_file(r.dir / kInitializedMarker);
  if (text.empty()) {
    return;  // still in Init
  }
  // The moment the program wrote, kept between its start and now (a clock that disagrees, or a
  // marker it wrote half, cannot give the function time it did not have).
  const TimePoint written{Duration(std::strtoll(text.c_str(), nullptr, 10))};
  r.initialized_at = std::clamp(written, r.spawned_at, now);
}

Duration Invocations::wall(Duration lab) const {
  return Duration(
      static_cast<Duration::rep>(static_cast<double>(lab.count()) / cloud_.clock().speed()));
}

Duration Invocations::init_duration(const Running& r, TimePoint now) const {
  if (!r.pid) {
    return Duration(0);  // not started (a FIS delay holds it, or it never ran)
  }
  return std::min(wall(r.initialized_at.value_or(now) - r.spawned_at),
                  std::chrono::duration_cast<Duration>(kInitAllowance));
}

Duration Invocations::run_time(const Running& r, TimePoint now) const {
  if (!r.pid) {
    return now - r.invoked;
  }
  return (r.spawned_at - r.invoked) + wall(now - r.spawned_at) - init_duration(r, now);
}

void Invocations::finish(int key, InvocationResult result, TimePoint now) {
  auto it = running_.find(key);
  Running& r = *it->second;
  see_init_end(r, now);  // a handler that ended between two ticks
  if (r.pid) {
    by_pid_.erase(*r.pid);
  }
  std::vector<std::string> body = lines_of(read_file(r.dir / "output.log"));
  if (!r.faults.applied.empty()) {
    body.insert(body.begin(), "AWS FIS extension: " + r.faults.applied);
  }
  if (r.timed_out) {
    body.push_back(fmt::format("{} {} Task timed out after {}.00 seconds", format_iso8601(now),
                               r.request_id, r.function.timeout_s));
  }
  std::string all;
  for (const auto& line : write_log(r, body, now)) {
    all += line + "\n";
  }
  result.log_tail = all.size() > kLogTailBytes ? all.substr(all.size() - kLogTailBytes) : all;
  result.duration = run_time(r, now);
  std::error_code ec;
  fs::remove_all(r.dir, ec);
  auto done = std::move(r.done);
  running_.erase(it);
  done(std::move(result));
}

std::vector<std::string> Invocations::write_log(Running& r, const std::vector<std::string>& body,
                                                TimePoint now) {
  const LambdaFunction& f = r.function;
  auto millis = [](TimePoint t) { return t.time_since_epoch().count(); };
  TimePoint began = r.spawned_at == TimePoint{} ? now : r.spawned_at;
  const auto init = init_duration(r, now);
  double duration_ms = static_cast<double>(run_time(r, now).count());
  std::vector<logs::LogEvent> events;
  events.push_back(
      {millis(r.invoked), fmt::format("START RequestId: {} Version: $LATEST", r.request_id), 0});
  for (const auto& line : body) {
    events.push_back({millis(began), line, 0});
  }
  events.push_back({millis(now), "END RequestId: " + r.request_id, 0});
  events.push_back(
      {millis(now),
       fmt::format("REPORT RequestId: {}\tDuration: {:.2f} ms\tBilled Duration: {} "
                   "ms\tMemory Size: {} MB\tMax Memory Used: {} MB",
                   r.request_id, duration_ms, static_cast<long>(duration_ms) + 1, f.memory_mb,
                   (r.peak_rss_kb + 1023) / 1024) +
           (r.pid ? fmt::format("\tInit Duration: {:.2f} ms", static_cast<double>(init.count()))
                  : ""),
       0});
  auto& logs = cloud_.region(f.region).logs;
  std::string group = "/aws/lambda/" + f.name;
  // Lambda makes the group on the first invocation when the stack has not.
  if (logs.find_group(group) == nullptr) {
    (void)logs.create_group(group);
  }
  std::vector<std::string> lines;
  for (const auto& e : events) {
    lines.push_back(e.message);
  }
  (void)logs.put_events(group, r.log_stream, std::move(events));
  return lines;
}

}  // namespace faultbox::cloud
