// AWSFIS-Run-Kill-Process: killall of a process by name in the instance, with SIGTERM or SIGKILL.
#include "ssm/documents/fis_document_parts.h"

namespace faultbox::ssm::document_files {

Document awsfis_run_kill_process() {
  return {.name = "AWSFIS-Run-Kill-Process",
          .description = "Kill a process by name on an instance using the killall command.",
          .plugin = "KillProcess",
          .parameters = {{.name = "ProcessName",
                          .description = "(Required) The name of the process to kill.",
                          .required = true,
                          .allowed_pattern = "^[0-9a-zA-Z.\\-=_]{1,128}$"},
                         {.name = "Signal",
                          .description = "(Optional) The signal to send: SIGTERM or SIGKILL.",
                          .fallback = {"SIGTERM"},
                          .allowed_values = {"SIGTERM", "SIGKILL"}},
                         install_dependencies_parameter()},
          .render = [](const ParameterValues& values, const RenderContext&) {
            Script script;
            script.execution_timeout_seconds = 60;
            const auto name = first_value(values, "ProcessName");
            script.text = require_tool(values, "killall", "psmisc") + "echo 'Sending " +
                          first_value(values, "Signal") + " to every " + name + " process'\n" +
                          "exec killall -s " + first_value(values, "Signal").substr(3) + " " +
                          shell_quoted(name) + "\n";
            return script;
          }};
}

}  // namespace faultbox::ssm::document_files
