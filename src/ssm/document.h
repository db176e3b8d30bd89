// An SSM Command document the lab's agent can run: its parameters as SSM declares them (name,
// type, default, allowed values) and how its values become the shell script the instance runs.
// Each document is one file in documents/ and one line in documents/all_documents.def.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"

namespace faultbox::ssm {

enum class ParameterType { String, StringList };

struct ParameterSpec {
  std::string name;
  ParameterType type = ParameterType::String;
  std::string description;
  bool required = false;              // no default: SendCommand must give it
  std::vector<std::string> fallback;  // the default when not required
  // Each value must match this (ECMAScript regex over the whole value); "" = anything.
  std::string allowed_pattern;
  std::vector<std::string> allowed_values;  // "" none
};

// What an AWSFIS-Run-Network-* document does to an instance's packets, read from its
// parameters: the lab's packet filter applies it on the instance's own address while the
// command runs there (agents in instances may not change the kernel's filter themselves).
struct PacketFault {
  bool ingress = true;   // TrafficType: packets arriving at the instance, else those it sends
  std::string protocol;  // "tcp", "udp", "" for every protocol
  int port = 0;          // the instance's port (ingress) or the peer's (egress); 0: any
  int drop_percent = 100;
  // A fault that delays (the latency documents) holds the packets instead of dropping them: lab
  // milliseconds, plus or minus the jitter.
  int delay_ms = 0;
  int jitter_ms = 0;
  // Sources as the document takes them: IPv4 addresses, CIDR blocks, zone names or ids, ALL.
  // Empty: every peer.
  std::vector<std::string> sources;
  std::string description;  // for the command's output and the experiment's log
};

// A parameter's values as SendCommand's Parameters gives them (a list per name).
using ParameterValues = std::map<std::string, std::vector<std::string>>;

// What a script needs from the lab beyond the parameters.
struct RenderContext {
  const Clock* clock = nullptr;  // lab durations become wall-clock seconds at the lab's speed
  // Where the lab applies a network fault, as a sentence for the command's output.
  std::string fault_reach;
  // The wall-clock seconds a lab duration of `seconds` lasts at the lab's speed (at least 1).
  long long real_seconds(long long seconds) const;
};

// The script of a command and how long it may run (wall-clock seconds).
struct Script {
  std::string text;
  long long execution_timeout_seconds = 3600;
};

struct Document {
  std::string name;  // "AWS-RunShellScript", "AWSFIS-Run-CPU-Stress"
  std::string description;
  std::string plugin;  // the step name GetCommandInvocation shows as PluginName
  std::vector<ParameterSpec> parameters;
  // The network documents: what they do to the instance's packets (checked values in; errors
  // are InvalidParameters), applied by the lab while the command runs. Null for the others.
  std::function<Result<PacketFault>(const ParameterValues& values)> packet_fault;
  // The values are complete (defaults filled in) and valid.
  std::function<Script(const ParameterValues& values, const RenderContext& context)> render;

  const ParameterSpec* parameter(const std::string& name) const;
};

// One value of a checked, defaults-filled parameter ("" when it has none).
std::string first_value(const ParameterValues& values, const std::string& name);
// A value quoted for /bin/sh.
std::string shell_quoted(const std::string& value);

}  // namespace faultbox::ssm
