// What AWS's AWSFIS-Run-* documents share: DurationSeconds and InstallDependencies, and the
// script lines that make sure a tool is there (installed through the image's package manager,
// as the documents do with yum, when InstallDependencies is True).
#pragma once

#include "ssm/document.h"
#include "ssm/packet_fault.h"

namespace faultbox::ssm::document_files {

ParameterSpec duration_seconds_parameter(std::string what);
ParameterSpec install_dependencies_parameter();
// A whole number of seconds, 0 to 100 percent, 1 to 100 percent, a worker count.
inline constexpr const char* kWholeNumber = "^[0-9]+$";
inline constexpr const char* kPercent = "^([0-9]|[1-9][0-9]|100)$";
inline constexpr const char* kPositivePercent = "^([1-9]|[1-9][0-9]|100)$";

// Script lines: `tool` from `package`, installed when the values say InstallDependencies True,
// else the script fails saying it is missing.
std::string require_tool(const ParameterValues& values, const std::string& tool,
                         const std::string& package);

// Where the disk documents keep their files on the instance's disk (the agent removes what is
// left there at the instance's next boot).
inline constexpr const char* kFaultFilesDir = "/var/lib/amazon/ssm/fault-files";
// Script lines that make that directory and set $dir to it.
std::string fault_files_lines();

// The network documents' parameters: TrafficType (ingress or egress, default ingress),
// Interface (the lab's instances have one, eth0 by AWS's default), LossPercent (default 7).
ParameterSpec traffic_type_parameter();
ParameterSpec interface_parameter();
ParameterSpec loss_percent_parameter();

// The longest delay the lab holds packets for (netfault's packet rules take at most this).
inline constexpr int kMaxDelayMilliseconds = 60'000;
// The delay documents' DelayMilliseconds (default 200) and JitterMilliseconds (default 10).
ParameterSpec delay_milliseconds_parameter();
ParameterSpec jitter_milliseconds_parameter();
// The delay and jitter of `values` on `fault`, checked against each other and the lab's bounds
// (InvalidParameters).
Result<void> set_delay(PacketFault& fault, const ParameterValues& values, bool with_jitter);

// The -Sources documents' Sources (required) and FlowsPercent (the lab affects every flow).
ParameterSpec sources_parameter();
ParameterSpec flows_percent_parameter();
// The Sources parameter's items, checked (check_sources); ALL gives none: every peer.
Result<std::vector<std::string>> sources_of(const ParameterValues& values);

// What a network document does to the packets, read from its checked values.
using PacketFaultOf = Result<PacketFault> (*)(const ParameterValues& values);
// The render of a network document: network_fault_script of its packet fault.
std::function<Script(const ParameterValues&, const RenderContext&)> network_fault_render(
    PacketFaultOf fault_of);

// DurationSeconds of `values` as wall-clock seconds at the lab's speed.
long long duration_real_seconds(const ParameterValues& values, const RenderContext& context);

}  // namespace faultbox::ssm::document_files
