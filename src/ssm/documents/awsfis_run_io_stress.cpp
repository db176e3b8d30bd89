// AWSFIS-Run-IO-Stress: stress-ng's mixed I/O stressors write, read and sync files taking Percent
// of the disk's free space, for DurationSeconds. They work in the agent's fault-files directory,
// on the instance's own disk (limits/instance_disks.h), so they fill and load that disk, never
// the machine's; what they leave when the instance goes down is removed at its next boot.
#include "ssm/documents/fis_document_parts.h"

namespace faultbox::ssm::document_files {

Document awsfis_run_io_stress() {
  return {.name = "AWSFIS-Run-IO-Stress",
          .description = "Run IO stress on an instance using the stress-ng tool.",
          .plugin = "IOStress",
          .parameters = {duration_seconds_parameter("the I/O stress lasts"),
                         {.name = "Workers",
                          .description = "(Optional) How many mixed I/O stressors run.",
                          .fallback = {"1"},
                          .allowed_pattern = "^[1-9][0-9]*$"},
                         {.name = "Percent",
                          .description = "(Optional) The percent of the disk's free space the "
                                         "stressors' files take, 1 to 100.",
                          .fallback = {"80"},
                          .allowed_pattern = kPositivePercent},
                         install_dependencies_parameter()},
          .render = [](const ParameterValues& values, const RenderContext& context) {
            const auto seconds = duration_real_seconds(values, context);
            const auto workers = first_value(values, "Workers");
            const auto percent = first_value(values, "Percent");
            Script script;
            script.execution_timeout_seconds = seconds + 60;
            script.text = require_tool(values, "stress-ng", "stress-ng") + fault_files_lines() +
                          "echo 'Running " + workers + " I/O stressor(s) on " + percent +
                          "% of the free disk space for " + first_value(values, "DurationSeconds") +
                          " seconds'\n"
                          "exec stress-ng --iomix " +
                          workers + " --iomix-bytes " + percent +
                          "% --temp-path \"$dir\" --timeout " + std::to_string(seconds) +
                          "s --metrics-brief\n";
            return script;
          }};
}

}  // namespace faultbox::ssm::document_files
