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

long long duration_real_seconds(const ParameterValues& values, const RenderContext& context) {
  return context.real_seconds(std::stoll(first_value(values, "DurationSeconds")));
}

}  // namespace faultbox::ssm::document_files
