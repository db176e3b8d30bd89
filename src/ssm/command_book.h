// SSM Run Command's state: commands sent to instances, one invocation per instance, as the
// agents on the instances take them, run them and report. A command's status is its
// invocations' together, as SSM sums them. Lab time throughout (tests use a manual clock).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "ssm/document.h"

namespace faultbox::ssm {

// SSM's invocation statuses (Delayed is not used: the lab has no concurrency limits).
enum class Status { Pending, InProgress, Success, Cancelling, Cancelled, TimedOut, Failed };
std::string to_string(Status s);
// The status `text` names (as to_string writes it). Errors: InternalFailure for another text.
Result<Status> status_from(const std::string& text);
bool is_final(Status s);

struct Invocation {
  std::string instance_id;
  Status status = Status::Pending;
  std::string status_details = "Pending";  // "DeliveryTimedOut", "ExecutionTimedOut", ...
  int response_code = -1;
  std::optional<TimePoint> started, finished;
  std::string output, errors;  // the first 24,000 characters of stdout and stderr
  std::string agent_session;   // the agent run that took it
};

struct Command {
  std::string id;  // a UUID
  std::string region;
  std::string document_name;
  std::string comment;
  ParameterValues parameters;
  Script script;
  std::string plugin;
  bool network_fault = false;
  long long delivery_timeout_seconds = 3600;  // TimeoutSeconds: lab seconds to be delivered
  TimePoint requested{};
  std::vector<Invocation> invocations;

  Status status() const;
  std::string status_details() const;
  int completed_count() const;
  int error_count() const;
  int delivery_timed_out_count() const;
  const Invocation* invocation(const std::string& instance_id) const;
};

// What an agent reports of a command it ran.
struct AgentReport {
  std::string command_id;
  Status status = Status::Success;  // Success, Failed, TimedOut or Cancelled
  int response_code = 0;
  std::string output, errors;
};

// What an agent is handed on a poll: commands to run and commands to cancel.
struct AgentWork {
  std::vector<const Command*> run;
  std::vector<std::string> cancel;
};

class CommandBook {
 public:
  // Adds a command whose invocations are all Pending. The caller checked document, parameters
  // and instances.
  const Command& add(Command command);
  const Command* find(const std::string& id) const;
  // Oldest first.
  std::vector<const Command*> list() const;

  // An agent's poll (`session` names the agent's run): its Pending invocations go InProgress
  // and are handed over with the Cancelling ones. InProgress invocations that an earlier run of
  // the agent took, and that this run does not say it is running, failed with the instance.
  AgentWork poll(const std::string& instance_id, const std::string& session,
                 const std::vector<std::string>& running, TimePoint now);
  // Errors: InvocationDoesNotExist for a command or instance the book does not have.
  Result<void> report(const std::string& instance_id, const AgentReport& report, TimePoint now);
  // CancelCommand (every instance when `instance_ids` is empty): Pending invocations end
  // Cancelled at once, InProgress ones go Cancelling until their agent says it stopped them.
  // Errors: InvalidCommandId; a finished command is left as it is.
  Result<void> cancel(const std::string& id, const std::vector<std::string>& instance_ids,
                      TimePoint now);
  // Pending invocations past their delivery timeout end TimedOut (DeliveryTimedOut); those of
  // instances `gone` says are stopped or terminated end Failed (Undeliverable when never taken).
  template <class Gone>
  void tick(TimePoint now, Gone&& gone) {
    for (auto& [id, command] : commands_) {
      for (auto& i : command.invocations) expire(command, i, now, gone(i.instance_id));
    }
  }

  nlohmann::json to_json(const Command& command) const;
  // Errors: a record the lab cannot read.
  static Result<Command> from_json(const nlohmann::json& record);
  void restore(Command command);
  // A change since the last take_changed() (for saves).
  bool take_changed();

 private:
  void expire(Command& command, Invocation& i, TimePoint now, bool gone);
  void finish(Invocation& i, Status status, std::string details, TimePoint now);
  std::map<std::string, Command> commands_;
  std::vector<std::string> order_;
  bool changed_ = false;
};

// The longest output an invocation keeps (GetCommandInvocation's StandardOutputContent).
inline constexpr std::size_t kOutputLimit = 24'000;

}  // namespace faultbox::ssm
