// AWSFIS-Run-Memory-Stress: stress-ng's virtual-memory stressors take Percent of the instance's
// memory for DurationSeconds. The instance's memory is its instance type's (the lab passes it
// as FAULTBOX_INSTANCE_MEMORY_MIB), so the stress is bounded by the instance, never the machine.
#include "ssm/documents/fis_document_parts.h"

namespace faultbox::ssm::document_files {

Document awsfis_run_memory_stress() {
  return {.name = "AWSFIS-Run-Memory-Stress",
          .description = "Run memory stress on an instance using the stress-ng tool.",
          .plugin = "MemoryStress",
          .parameters = {duration_seconds_parameter("the memory stress lasts"),
                         {.name = "Percent",
                          .description = "(Required) The percent of the instance's memory to "
                                         "take, 1 to 100.",
                          .required = true,
                          .allowed_pattern = kPositivePercent},
                         {.name = "Workers",
                          .description = "(Optional) How many virtual-memory stressors share it.",
                          .fallback = {"1"},
                          .allowed_pattern = "^[1-9][0-9]*$"},
                         install_dependencies_parameter()},
          .render = [](const ParameterValues& values, const RenderContext& context) {
            const auto seconds = duration_real_seconds(values, context);
            const auto percent = first_value(values, "Percent");
            const auto workers = first_value(values, "Workers");
            Script script;
            script.execution_timeout_seconds = seconds + 60;
            script.text = require_tool(values, "stress-ng", "stress-ng") +
                          "memory=${FAULTBOX_INSTANCE_MEMORY_MIB:-1024}\n"
                          "bytes=$((memory * " +
                          percent + " / 100 / " + workers + "))\n" + "echo \"Taking " + percent +
                          "% of ${memory} MiB with " + workers + " worker(s) for " +
                          first_value(values, "DurationSeconds") + " seconds\"\n" +
                          "exec stress-ng --vm " + workers +
                          " --vm-bytes ${bytes}M --vm-keep --timeout " + std::to_string(seconds) +
                          "s --metrics-brief\n";
            return script;
          }};
}

}  // namespace faultbox::ssm::document_files
