// Sending commands to the instances' agents, and the agents' polls and reports.
#include "cloud/ssm/ssm_commands.h"

#include "cloud/cloud.h"
#include "cloud/network/network_faults.h"
#include "compute/instance_manager.h"
#include "core/uuid.h"
#include "ssm/document_catalog.h"

namespace faultbox::cloud {

namespace {

// An agent that has not polled for this long (lab time) is not online. Agents poll every
// second of wall-clock time, so this holds up to --speed 60.
constexpr auto kOnlineWindow = std::chrono::seconds(60);

constexpr const char* kRecordKind = "ssm_command";

bool running(const compute::Instance* i) {
  return i != nullptr && i->state == compute::InstanceState::Running;
}

}  // namespace

Result<const ssm::Command*> SsmCommands::send(SendCommandRequest request) {
  if (request.instance_ids.empty()) {
    return Error{"ValidationException",
                 "SendCommand needs InstanceIds or Targets that name instances.", 400};
  }
  FAULTBOX_TRY(document, ssm::find_document(request.document));
  FAULTBOX_TRY(values, ssm::checked_parameters(*document, std::move(request.parameters)));
  if (document->packet_fault) {
    FAULTBOX_TRY(fault, document->packet_fault(values));
    if (!cloud_.options().packet_filter) {
      return Error{"UnsupportedPlatformType",
                   document->name + " needs the lab's packet filter, and " +
                       cloud_.options().packet_filter_problem,
                   400};
    }
    if (fault.delay_ms > 0 && !cloud_.options().packet_delay_problem.empty()) {
      return Error{"UnsupportedPlatformType",
                   document->name + " needs the lab to delay packets, and " +
                       cloud_.options().packet_delay_problem,
                   400};
    }
  }
  std::string refused;
  for (const auto& id : request.instance_ids) {
    const auto* instance = cloud_.instances().find(id);
    if (!running(instance) || instance->region != request.region || !online(id)) {
      refused += (refused.empty() ? "" : ", ") + id;
    }
  }
  if (!refused.empty()) {
    return Error{"InvalidInstanceId",
                 "Instances [[" + refused + "]] not in a valid state for account " +
                     cloud_.options().account_id +
                     " (an instance must be running, in this region, with its SSM agent online: "
                     "the Amazon-Linux-like image, i.e. instances with user data, runs one)",
                 400};
  }
  ssm::Command command;
  command.id = random_uuid();
  command.region = request.region;
  command.document_name = document->name;
  command.comment = request.comment;
  command.script = document->render(
      values, ssm::RenderContext{&cloud_.clock(), cloud_.kind<NetworkFaults>().reach()});
  command.parameters = std::move(values);
  command.plugin = document->plugin;
  command.network_fault = static_cast<bool>(document->packet_fault);
  command.delivery_timeout_seconds = request.timeout_seconds;
  command.requested = cloud_.clock().now();
  for (const auto& id : request.instance_ids) {
    command.invocations.push_back(ssm::Invocation{.instance_id = id});
  }
  return &book_.add(std::move(command));
}

Result<void> SsmCommands::cancel(const std::string& command_id,
                                 const std::vector<std::string>& instance_ids) {
  return book_.cancel(command_id, instance_ids, cloud_.clock().now());
}

std::vector<const ssm::Command*> SsmCommands::list(const std::string& region) const {
  std::vector<const ssm::Command*> out;
  for (const auto* c : book_.list()) {
    if (c->region == region) out.push_back(c);
  }
  return out;
}

Result<nlohmann::json> SsmCommands::agent_poll(const std::string& instance_id,
                                               const std::string& session,
                                               const std::vector<std::string>& running_ids) {
  if (!running(cloud_.instances().find(instance_id))) {
    return errors::not_found("no running instance " + instance_id);
  }
  const auto now = cloud_.clock().now();
  agents_[instance_id] = AgentInfo{instance_id, session, now};
  auto work = book_.poll(instance_id, session, running_ids, now);
  nlohmann::json run = nlohmann::json::array();
  for (const auto* c : work.run) {
    run.push_back({{"command_id", c->id},
                   {"document", c->document_name},
                   {"script", c->script.text},
                   {"timeout_seconds", c->script.execution_timeout_seconds}});
  }
  return nlohmann::json{{"run", run}, {"cancel", work.cancel}};
}

Result<void> SsmCommands::agent_report(const std::string& instance_id,
                                       const ssm::AgentReport& report) {
  return book_.report(instance_id, report, cloud_.clock().now());
}

bool SsmCommands::online(const std::string& instance_id) const {
  auto it = agents_.find(instance_id);
  return it != agents_.end() && running(cloud_.instances().find(instance_id)) &&
         cloud_.clock().now() - it->second.last_ping < kOnlineWindow;
}

std::vector<AgentInfo> SsmCommands::agents(const std::string& region) const {
  std::vector<AgentInfo> out;
  for (const auto& [id, agent] : agents_) {
    const auto* instance = cloud_.instances().find(id);
    if (running(instance) && instance->region == region) {
      out.push_back(agent);
      out.back().online = online(id);
    }
  }
  return out;
}

void SsmCommands::save(Records& out) const {
  auto& records = out[kRecordKind];
  for (const auto* c : book_.list()) records.emplace_back(c->id, book_.to_json(*c));
}

void SsmCommands::save_changes(Records& out) {
  const bool changed = book_.take_changed();
  const bool unsaved = std::exchange(unsaved_, false);
  if (changed || unsaved) save(out);
}

Result<void> SsmCommands::restore(const Records& saved) {
  for (const auto& [id, record] : records_of(saved, kRecordKind)) {
    FAULTBOX_TRY(command, ssm::CommandBook::from_json(record));
    book_.restore(std::move(command));
  }
  return {};
}

void SsmCommands::tick(TimePoint now) {
  book_.tick(now, [this](const std::string& id) {
    const auto* i = cloud_.instances().find(id);
    return i == nullptr || i->state == compute::InstanceState::Stopped ||
           i->state == compute::InstanceState::Terminated ||
           i->state == compute::InstanceState::ShuttingDown ||
           i->state == compute::InstanceState::Stopping;
  });
  std::erase_if(agents_, [this](const auto& entry) {
    return !running(cloud_.instances().find(entry.first));
  });
}

std::unique_ptr<Kind> make_ssm_commands(Cloud& cloud) {
  return std::make_unique<SsmCommands>(cloud);
}

}  // namespace faultbox::cloud
