// The EC2 instance record: states with their AWS codes, state reasons, status checks.
#pragma once

#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"

namespace faultbox::compute {

enum class InstanceState { Pending, Running, Stopping, Stopped, ShuttingDown, Terminated };

// AWS wire values: "pending" / 0, "running" / 16, "stopping" / 64, "stopped" / 80,
// "shutting-down" / 32, "terminated" / 48.
std::string_view state_name(InstanceState s);
int state_code(InstanceState s);
std::optional<InstanceState> parse_state(std::string_view name);

// The instance status check (DescribeInstanceStatus): "ok" while its process lives,
// "impaired" once the process died by itself, "not-applicable" when not running.
enum class StatusCheck { Ok, Impaired, NotApplicable };
std::string_view status_name(StatusCheck s);
std::optional<StatusCheck> parse_status(std::string_view name);

// EC2's StateReason, e.g. {"Client.UserInitiatedShutdown",
// "Client.UserInitiatedShutdown: User initiated shutdown"}. Empty code: none.
struct StateReason {
  std::string code;
  std::string message;
  bool operator==(const StateReason&) const = default;
};

using Tags = std::map<std::string, std::string>;

// EC2's metadata_options, as IMDS honours them (both off by default, as on EC2).
struct MetadataOptions {
  bool tags = false;             // instance_metadata_tags = "enabled": tags/instance/<key>
  bool tokens_required = false;  // http_tokens = "required": IMDSv2 only, a GET needs a token
  bool operator==(const MetadataOptions&) const = default;
};

// EC2's instance_market_options: whether the instance is spot, and what an interruption does.
struct MarketOptions {
  bool spot = false;
  bool stop_on_interruption = false;  // instance_interruption_behavior "stop" (or "hibernate")
  bool operator==(const MarketOptions&) const = default;
};

// A spot interruption under way, as IMDS shows it: the rebalance recommendation from
// `rebalance_at`, spot/instance-action from `notice_at` (two minutes before), and the
// interruption itself at `interrupt_at`.
struct SpotInterruption {
  TimePoint rebalance_at{};
  TimePoint notice_at{};
  TimePoint interrupt_at{};
  bool operator==(const SpotInterruption&) const = default;
};

struct Instance {
  std::string id;
  std::string image_id;
  std::string instance_type;
  std::string region;             // e.g. "eu-west-2"
  std::string availability_zone;  // e.g. "eu-west-2a"
  std::string subnet_id;          // the subnet it was launched into; "" for the AZ's default one
  std::string private_ip;         // "127.10.<az index + 1>.<n>"
  int port = 80;                  // where its process listens
  Tags tags;
  std::string user_data;  // plain text (decoded), empty for the built-in web image
  MetadataOptions metadata;
  MarketOptions market;
  std::optional<SpotInterruption> spot_interruption;
  std::string launch_template;  // "<id>:<version>" when launched from one, else empty
  TimePoint launch_time{};
  InstanceState state = InstanceState::Pending;
  StateReason state_reason;
  std::string state_transition_reason;  // "User initiated (2026-01-01 12:00:00 GMT)"
  TimePoint state_changed_at{};
  StatusCheck status = StatusCheck::NotApplicable;

  // Runtime only, never serialized: the process group leader, and pending signal work.
  int pid = 0;
  std::optional<TimePoint> signalled_at;  // when SIGTERM went out
  bool killed = false;                    // SIGKILL went out
  bool rebooting = false;

  // Every member, the runtime ones too: what the store form is built from is equal when this is.
  bool operator==(const Instance&) const = default;

  std::string name_tag() const;
  // "ip-127-10-1-10.eu-west-2.compute.internal", as EC2 names private hosts.
  std::string private_dns_name() const;
};

// The store's JSON form of an Instance (runtime fields excluded).
nlohmann::json instance_to_json(const Instance& instance);
// A ValidationException names the first missing or malformed field.
Result<Instance> instance_from_json(const nlohmann::json& j);

}  // namespace faultbox::compute
