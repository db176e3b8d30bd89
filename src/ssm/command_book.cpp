// Run Command's invocation life: Pending → InProgress (an agent took it) → Success, Failed,
// TimedOut or Cancelled (the agent reported, or the lab gave up on it).
#include "ssm/command_book.h"

#include <algorithm>

#include "core/iso8601.h"

namespace faultbox::ssm {

namespace {

using nlohmann::json;

constexpr std::pair<Status, const char*> kStatusNames[] = {
    {Status::Pending, "Pending"},     {Status::InProgress, "InProgress"},
    {Status::Success, "Success"},     {Status::Cancelling, "Cancelling"},
    {Status::Cancelled, "Cancelled"}, {Status::TimedOut, "TimedOut"},
    {Status::Failed, "Failed"}};

// The invocation's StatusDetails when it ends with `status` as the agent reports it.
std::string details_of(Status s) {
  switch (s) {
    case Status::Success:
      return "Success";
    case Status::Cancelled:
      return "Canceled";
    case Status::TimedOut:
      return "Execution Timed Out";
    default:
      return "Failed";
  }
}

json optional_time(const std::optional<TimePoint>& t) {
  return t ? json(format_iso8601(*t)) : json(nullptr);
}

std::optional<TimePoint> time_from(const json& j) {
  if (!j.is_string()) return std::nullopt;
  auto t = parse_iso8601(j.get<std::string>());
  return t ? std::optional<TimePoint>(*t) : std::nullopt;
}

std::string clipped(std::string text) {
  if (text.size() > kOutputLimit) text.resize(kOutputLimit);
  return text;
}

}  // namespace

std::string to_string(Status s) {
  for (const auto& [status, name] : kStatusNames) {
    if (status == s) return name;
  }
  return "Failed";
}

Result<Status> status_from(const std::string& text) {
  for (const auto& [status, name] : kStatusNames) {
    if (text == name) return status;
  }
  return errors::internal("unknown SSM status \"" + text + "\"");
}

bool is_final(Status s) {
  return s == Status::Success || s == Status::Cancelled || s == Status::TimedOut ||
         s == Status::Failed;
}

Status Command::status() const {
  bool any_cancelling = false, any_running = false, all_pending = true, all_success = true;
  bool any_cancelled = false, any_timed_out = false, any_failed = false;
  for (const auto& i : invocations) {
    any_cancelling |= i.status == Status::Cancelling;
    any_running |= i.status == Status::Pending || i.status == Status::InProgress;
    all_pending &= i.status == Status::Pending;
    all_success &= i.status == Status::Success;
    any_cancelled |= i.status == Status::Cancelled;
    any_timed_out |= i.status == Status::TimedOut;
    any_failed |= i.status == Status::Failed;
  }
  if (any_cancelling) return Status::Cancelling;
  if (any_running) return all_pending ? Status::Pending : Status::InProgress;
  if (all_success) return Status::Success;
  if (any_failed) return Status::Failed;
  if (any_cancelled) return Status::Cancelled;
  return any_timed_out ? Status::TimedOut : Status::Failed;
}

std::string Command::status_details() const {
  switch (status()) {
    case Status::Pending:
      return "Pending";
    case Status::InProgress:
      return "In Progress";
    case Status::Success:
      return "Success";
    case Status::Cancelling:
      return "Cancelling";
    case Status::Cancelled:
      return "Canceled";
    case Status::TimedOut:
      return std::all_of(
                 invocations.begin(), invocations.end(),
                 [](const Invocation& i) { return i.status_details == "Delivery Timed Out"; })
                 ? "Delivery Timed Out"
                 : "Execution Timed Out";
    case Status::Failed:
      return std::any_of(invocations.begin(), invocations.end(),
                         [](const Invocation& i) { return i.status == Status::Success; })
                 ? "Incomplete"
                 : "Failed";
  }
  return "Failed";
}

int Command::completed_count() const {
  return static_cast<int>(std::count_if(invocations.begin(), invocations.end(),
                                        [](const Invocation& i) { return is_final(i.status); }));
}

int Command::error_count() const {
  return static_cast<int>(
      std::count_if(invocations.begin(), invocations.end(), [](const Invocation& i) {
        return i.status == Status::Failed ||
               (i.status == Status::TimedOut && i.status_details != "Delivery Timed Out");
      }));
}

int Command::delivery_timed_out_count() const {
  return static_cast<int>(
      std::count_if(invocations.begin(), invocations.end(),
                    [](const Invocation& i) { return i.status_details == "Delivery Timed Out"; }));
}

const Invocation* Command::invocation(const std::string& instance_id) const {
  for (const auto& i : invocations) {
    if (i.instance_id == instance_id) return &i;
  }
  return nullptr;
}

const Command& CommandBook::add(Command command) {
  changed_ = true;
  order_.push_back(command.id);
  auto id = command.id;
  return commands_.insert_or_assign(std::move(id), std::move(command)).first->second;
}

const Command* CommandBook::find(const std::string& id) const {
  auto it = commands_.find(id);
  return it == commands_.end() ? nullptr : &it->second;
}

std::vector<const Command*> CommandBook::list() const {
  std::vector<const Command*> out;
  for (const auto& id : order_) out.push_back(&commands_.at(id));
  return out;
}

void CommandBook::finish(Invocation& i, Status status, std::string details, TimePoint now) {
  i.status = status;
  i.status_details = std::move(details);
  i.finished = now;
  changed_ = true;
}

AgentWork CommandBook::poll(const std::string& instance_id, const std::string& session,
                            const std::vector<std::string>& running, TimePoint now) {
  AgentWork work;
  for (const auto& id : order_) {
    auto& command = commands_.at(id);
    for (auto& i : command.invocations) {
      if (i.instance_id != instance_id) continue;
      const bool taken_by_earlier_run =
          (i.status == Status::InProgress || i.status == Status::Cancelling) &&
          i.agent_session != session &&
          std::find(running.begin(), running.end(), id) == running.end();
      if (taken_by_earlier_run) {
        i.errors = "The instance's agent restarted (the instance rebooted, or the lab did) "
                   "while the command ran.";
        finish(i, Status::Failed, "Failed", now);
      } else if (i.status == Status::Pending) {
        i.status = Status::InProgress;
        i.status_details = "In Progress";
        i.started = now;
        i.agent_session = session;
        changed_ = true;
        work.run.push_back(&command);
      } else if (i.status == Status::Cancelling) {
        work.cancel.push_back(id);
      }
    }
  }
  return work;
}

Result<void> CommandBook::report(const std::string& instance_id, const AgentReport& report,
                                 TimePoint now) {
  auto it = commands_.find(report.command_id);
  Invocation* invocation = nullptr;
  if (it != commands_.end()) {
    for (auto& i : it->second.invocations) {
      if (i.instance_id == instance_id) invocation = &i;
    }
  }
  if (invocation == nullptr) {
    return Error{"InvocationDoesNotExist",
                 "No invocation of command " + report.command_id + " on " + instance_id, 400};
  }
  if (is_final(invocation->status)) return {};  // e.g. the lab already gave up on it
  invocation->response_code = report.response_code;
  invocation->output = clipped(report.output);
  invocation->errors = clipped(report.errors);
  finish(*invocation, report.status, details_of(report.status), now);
  return {};
}

Result<void> CommandBook::cancel(const std::string& id,
                                 const std::vector<std::string>& instance_ids, TimePoint now) {
  auto it = commands_.find(id);
  if (it == commands_.end()) {
    return Error{"InvalidCommandId", "Command " + id + " does not exist.", 400};
  }
  for (auto& i : it->second.invocations) {
    if (!instance_ids.empty() &&
        std::find(instance_ids.begin(), instance_ids.end(), i.instance_id) == instance_ids.end()) {
      continue;
    }
    if (i.status == Status::Pending) {
      finish(i, Status::Cancelled, "Canceled", now);
    } else if (i.status == Status::InProgress) {
      i.status = Status::Cancelling;
      i.status_details = "Cancelling";
      changed_ = true;
    }
  }
  return {};
}

void CommandBook::expire(Command& command, Invocation& i, TimePoint now, bool gone) {
  if (i.status == Status::Pending &&
      now - command.requested >= std::chrono::seconds(command.delivery_timeout_seconds)) {
    finish(i, Status::TimedOut, "Delivery Timed Out", now);
  } else if (gone && i.status == Status::Pending) {
    finish(i, Status::Failed, "Undeliverable", now);
  } else if (gone && !is_final(i.status)) {
    i.errors = "The instance stopped while the command ran.";
    finish(i, i.status == Status::Cancelling ? Status::Cancelled : Status::Failed,
           i.status == Status::Cancelling ? "Canceled" : "Failed", now);
  }
}

json CommandBook::to_json(const Command& c) const {
  json invocations = json::array();
  for (const auto& i : c.invocations) {
    invocations.push_back({{"instance_id", i.instance_id},
                           {"status", to_string(i.status)},
                           {"status_details", i.status_details},
                           {"response_code", i.response_code},
                           {"started", optional_time(i.started)},
                           {"finished", optional_time(i.finished)},
                           {"output", i.output},
                           {"errors", i.errors},
                           {"agent_session", i.agent_session}});
  }
  return {{"id", c.id},
          {"region", c.region},
          {"document_name", c.document_name},
          {"comment", c.comment},
          {"parameters", c.parameters},
          {"script", c.script.text},
          {"execution_timeout_seconds", c.script.execution_timeout_seconds},
          {"plugin", c.plugin},
          {"network_fault", c.network_fault},
          {"delivery_timeout_seconds", c.delivery_timeout_seconds},
          {"requested", format_iso8601(c.requested)},
          {"invocations", invocations}};
}

Result<Command> CommandBook::from_json(const json& r) {
  Command c;
  c.id = r.at("id").get<std::string>();
  c.region = r.at("region").get<std::string>();
  c.document_name = r.at("document_name").get<std::string>();
  c.comment = r.at("comment").get<std::string>();
  c.parameters = r.at("parameters").get<ParameterValues>();
  c.script.text = r.at("script").get<std::string>();
  c.script.execution_timeout_seconds = r.at("execution_timeout_seconds").get<long long>();
  c.plugin = r.at("plugin").get<std::string>();
  c.network_fault = r.at("network_fault").get<bool>();
  c.delivery_timeout_seconds = r.at("delivery_timeout_seconds").get<long long>();
  auto requested = time_from(r.at("requested"));
  if (!requested) return errors::internal("command " + c.id + " has no time it was requested");
  c.requested = *requested;
  for (const auto& j : r.at("invocations")) {
    Invocation i;
    i.instance_id = j.at("instance_id").get<std::string>();
    FAULTBOX_TRY(status, status_from(j.at("status").get<std::string>()));
    i.status = status;
    i.status_details = j.at("status_details").get<std::string>();
    i.response_code = j.at("response_code").get<int>();
    i.started = time_from(j.at("started"));
    i.finished = time_from(j.at("finished"));
    i.output = j.at("output").get<std::string>();
    i.errors = j.at("errors").get<std::string>();
    i.agent_session = j.at("agent_session").get<std::string>();
    c.invocations.push_back(std::move(i));
  }
  return c;
}

void CommandBook::restore(Command command) {
  order_.push_back(command.id);
  auto id = command.id;
  commands_.insert_or_assign(std::move(id), std::move(command));
}

bool CommandBook::take_changed() { return std::exchange(changed_, false); }

}  // namespace faultbox::ssm
