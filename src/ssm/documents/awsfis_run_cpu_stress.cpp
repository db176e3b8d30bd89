// AWSFIS-Run-CPU-Stress: stress-ng's CPU stressors for DurationSeconds, as AWS's document runs
// them (CPU 0 = one per processor, at LoadPercent).
#include "ssm/documents/fis_document_parts.h"

namespace faultbox::ssm::document_files {

Document awsfis_run_cpu_stress() {
  return {.name = "AWSFIS-Run-CPU-Stress",
          .description = "Run CPU stress on an instance using the stress-ng tool.",
          .plugin = "CPUStress",
          .parameters = {duration_seconds_parameter("the CPU stress lasts"),
                         {.name = "CPU",
                          .description = "(Optional) How many CPU stressors to run (0: one per "
                                         "processor).",
                          .fallback = {"0"},
                          .allowed_pattern = kWholeNumber},
                         {.name = "LoadPercent",
                          .description = "(Optional) The load of each stressor, 0 to 100 percent.",
                          .fallback = {"100"},
                          .allowed_pattern = kPercent},
                         install_dependencies_parameter()},
          .render = [](const ParameterValues& values, const RenderContext& context) {
            const auto seconds = duration_real_seconds(values, context);
            Script script;
            script.execution_timeout_seconds = seconds + 60;
            script.text = require_tool(values, "stress-ng", "stress-ng") + "echo 'Running " +
                          first_value(values, "CPU") + " CPU stressor(s) at " +
                          first_value(values, "LoadPercent") + "% for " +
                          first_value(values, "DurationSeconds") + " seconds'\n" +
                          "exec stress-ng --cpu " + first_value(values, "CPU") + " --cpu-load " +
                          first_value(values, "LoadPercent") + " --timeout " +
                          std::to_string(seconds) + "s --metrics-brief\n";
            return script;
          }};
}

}  // namespace faultbox::ssm::document_files
