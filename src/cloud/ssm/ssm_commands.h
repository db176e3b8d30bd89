// Systems Manager in the lab: the agents running on instances (each polls the lab, which is how
// an instance is "online") and the commands sent to them (ssm/command_book.h). SendCommand,
// the agent routes and FIS's aws:ssm:send-command all act through here. Commands are saved
// with the lab; which agents are online is not (they poll again within a second).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cloud/kind.h"
#include "ssm/command_book.h"

namespace faultbox::cloud {

class Cloud;

struct SendCommandRequest {
  std::string region;
  std::string document;  // a name or an ARN
  ssm::ParameterValues parameters;
  std::vector<std::string> instance_ids;
  std::string comment;
  long long timeout_seconds = 3600;  // to be delivered
};

// An agent as DescribeInstanceInformation shows it.
struct AgentInfo {
  std::string instance_id;
  std::string session;  // the agent's run
  TimePoint last_ping{};
  bool online = false;
};

class SsmCommands final : public Kind {
 public:
  explicit SsmCommands(Cloud& cloud) : cloud_(cloud) {}

  // SendCommand. Errors: InvalidDocument, InvalidParameters, InvalidInstanceId (an instance not
  // in the region, not running, or whose agent is not online), ValidationException for no
  // instances.
  Result<const ssm::Command*> send(SendCommandRequest request);
  Result<void> cancel(const std::string& command_id, const std::vector<std::string>& instance_ids);
  const ssm::Command* find(const std::string& id) const { return book_.find(id); }
  // Every region's commands, oldest first.
  std::vector<const ssm::Command*> all() const { return book_.list(); }
  std::vector<const ssm::Command*> list(const std::string& region) const;

  // The agent on `instance_id` polls (it runs `running`): what it is to run and to cancel, as
  // the JSON the agent reads. Errors: NotFound for an instance that is not running.
  Result<nlohmann::json> agent_poll(const std::string& instance_id, const std::string& session,
                                    const std::vector<std::string>& running);
  Result<void> agent_report(const std::string& instance_id, const ssm::AgentReport& report);

  // The agents of running instances of `region` that have polled since they last booted, each
  // Online or, when it has not polled lately, ConnectionLost.
  std::vector<AgentInfo> agents(const std::string& region) const;
  bool online(const std::string& instance_id) const;

  void save(Records& out) const override;
  // Leaves the commands out when none changed since the last save (agents' polls change none).
  void save_changes(Records& out) override;
  void forget_saved_changes() override { unsaved_ = true; }
  Result<void> restore(const Records& saved) override;
  void tick(TimePoint now) override;

 private:
  Cloud& cloud_;
  ssm::CommandBook book_;
  std::map<std::string, AgentInfo> agents_;  // by instance id
  bool unsaved_ = true;                      // the last save_changes() was not written
};

}  // namespace faultbox::cloud
