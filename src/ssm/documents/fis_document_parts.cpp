// The parameters and script lines the AWSFIS-Run-* documents share.
#include "ssm/documents/fis_document_parts.h"

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
