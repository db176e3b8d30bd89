// AWS-RunShellScript: the commands given, one per line, through /bin/sh.
#include "ssm/documents/fis_document_parts.h"

namespace faultbox::ssm::document_files {

Document aws_run_shell_script() {
  return {.name = "AWS-RunShellScript",
          .description = "Run a shell script or specify the commands to run.",
          .plugin = "aws:runShellScript",
          .parameters = {{.name = "commands",
                          .type = ParameterType::StringList,
                          .description = "(Required) Specify a shell script or a command to run.",
                          .required = true},
                         {.name = "workingDirectory",
                          .description = "(Optional) The path to the working directory on your "
                                         "instance.",
                          .fallback = {""}},
                         {.name = "executionTimeout",
                          .description = "(Optional) The time in seconds for a command to complete "
                                         "before it is considered to have failed. Default is 3600 "
                                         "(1 hour). Maximum is 172800 (48 hours).",
                          .fallback = {"3600"},
                          .allowed_pattern = "^([1-9][0-9]{0,4}|1[0-6][0-9]{4}|17[0-1][0-9]{3}|"
                                             "172[0-7][0-9]{2}|172800)$"}},
          .render = [](const ParameterValues& values, const RenderContext& context) {
            Script script;
            script.execution_timeout_seconds =
                context.real_seconds(std::stoll(first_value(values, "executionTimeout")));
            const auto directory = first_value(values, "workingDirectory");
            if (!directory.empty()) {
              script.text += "cd " + shell_quoted(directory) + " || exit 1\n";
            }
            for (const auto& command : values.at("commands")) script.text += command + "\n";
            return script;
          }};
}

}  // namespace faultbox::ssm::document_files
