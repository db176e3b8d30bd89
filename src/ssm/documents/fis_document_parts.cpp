// The parameters and script lines the AWSFIS-Run-* documents share.
#include "ssm/documents/fis_document_parts.h"

#include <sstream>

#include "ssm/packet_fault.h"

namespace faultbox::ssm::document_files {

ParameterSpec duration_seconds_parameter(std::string what) {
  return {.name = "DurationSeconds",
          .description = "(Required) How long " + what + ", in seconds.",
          .required = true,
          .allowed_pattern = kWholeNumber};
}

ParameterSpec install_dependencies_parameter() {
  return {.name = "InstallDependencies",
          .description = "(Optional) True installs the tools the document needs when they are "
                         "missing (the lab's image installs them offline).",
          .fallback = {"True"},
          .allowed_values = {"True", "False"}};
}

std::string fault_files_lines() {
  return std::string("dir=") + kFaultFilesDir + "\nmkdir -p \"$dir\" || exit 1\n";
}

std::string require_tool(const ParameterValues& values, const std::string& tool,
                         const std::string& package) {
  const bool install = first_value(values, "InstallDependencies") == "True";
  std::string lines = "if ! command -v " + tool + " >/dev/null 2>&1; then\n";
  if (install) {
    lines += "  echo 'Installing " + package + "'\n  yum -y install " + package +
             " >/dev/null || { echo 'Could not install " + package + "' >&2; exit 1; }\n";
  } else {
    lines += "  echo 'Dependency " + tool +
             " is missing and InstallDependencies is False' >&2\n  exit 1\n";
  }
  return lines + "fi\n";
}

ParameterSpec traffic_type_parameter() {
  return {.name = "TrafficType",
          .description = "(Optional) ingress (packets arriving at the instance) or egress "
                         "(packets it sends).",
          .fallback = {"ingress"},
          .allowed_values = {"ingress", "egress"}};
}

ParameterSpec interface_parameter() {
  return {.name = "Interface",
          .description = "(Optional) The network interface; a lab instance has one address, "
                         "on which the fault applies.",
          .fallback = {"eth0"},
          .allowed_pattern = "^[0-9a-zA-Z\\-_.,]{1,128}$"};
}

ParameterSpec loss_percent_parameter() {
  return {.name = "LossPercent",
          .description = "(Optional) The share of packets dropped, 0 to 100 percent.",
          .fallback = {"7"},
          .allowed_pattern = kPercent};
}

ParameterSpec delay_milliseconds_parameter() {
  return {.name = "DelayMilliseconds",
          .description = "(Optional) The delay added to each packet, in milliseconds (lab time: "
                         "at --speed N the packets wait N times less on the wall clock, as "
                         "health checks' timeouts are N times shorter).",
          .fallback = {"200"},
          .allowed_pattern = kWholeNumber};
}

ParameterSpec jitter_milliseconds_parameter() {
  return {.name = "JitterMilliseconds",
          .description = "(Optional) The variation of the delay, plus or minus, in milliseconds "
                         "(packets keep their order).",
          .fallback = {"10"},
          .allowed_pattern = kWholeNumber};
}

Result<void> set_delay(PacketFault& fault, const ParameterValues& values, bool with_jitter) {
  const auto delay = first_value(values, "DelayMilliseconds");
  const auto jitter = with_jitter ? first_value(values, "JitterMilliseconds") : "0";
  if (delay.size() > 5 || jitter.size() > 5 || std::stoi(delay) < 1 ||
      std::stoi(delay) > kMaxDelayMilliseconds) {
    return Error{"InvalidParameters",
                 "DelayMilliseconds " + delay +
                     " is not one the lab holds packets for: give 1 to " +
                     std::to_string(kMaxDelayMilliseconds) + ".",
                 400};
  }
  if (std::stoi(jitter) > std::stoi(delay)) {
    return Error{"InvalidParameters",
                 "JitterMilliseconds " + jitter + " is more than DelayMilliseconds " + delay +
                     ": a packet cannot leave before it arrived.",
                 400};
  }
  fault.drop_percent = 0;
  fault.delay_ms = std::stoi(delay);
  fault.jitter_ms = std::stoi(jitter);
  return {};
}

ParameterSpec sources_parameter() {
  return {.name = "Sources",
          .description = "(Required) Comma-separated IPv4 addresses, CIDR blocks (a block of the "
                         "VPC's subnets reaches their instances), availability zone names or "
                         "ids, or ALL.",
          .required = true};
}

ParameterSpec flows_percent_parameter() {
  return {.name = "FlowsPercent",
          .description = "(Optional) The share of flows affected; the lab affects them all (100).",
          .fallback = {"100"},
          .allowed_values = {"100"}};
}

Result<std::vector<std::string>> sources_of(const ParameterValues& values) {
  std::vector<std::string> sources;
  std::istringstream list(first_value(values, "Sources"));
  for (std::string item; std::getline(list, item, ',');) {
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (item == "ALL") return std::vector<std::string>{};
    if (!item.empty()) sources.push_back(item);
  }
  FAULTBOX_TRY_VOID(check_sources(sources));
  return sources;
}

std::function<Script(const ParameterValues&, const RenderContext&)> network_fault_render(
    PacketFaultOf fault_of) {
  return [fault_of](const ParameterValues& values, const RenderContext& context) {
    Script script;
    auto fault = fault_of(values);  // checked when the command was sent
    script.text = fault ? network_fault_script(*fault, values, context)
                        : "echo " + shell_quoted(fault.error().message) + " >&2\nexit 1\n";
    script.execution_timeout_seconds = duration_real_seconds(values, context) + 60;
    return script;
  };
}

long long duration_real_seconds(const ParameterValues& values, const RenderContext& context) {
  return context.real_seconds(std::stoll(first_value(values, "DurationSeconds")));
}

}  // namespace faultbox::ssm::document_files
