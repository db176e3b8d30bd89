// AWSFIS-Run-Disk-Fill: fills the instance's disk until Percent of it is used, for
// DurationSeconds, with fallocate, then frees it. The lab's instances have a root disk of their
// own (limits/instance_disks.h) holding their /var, /etc and /usr/local/bin: that disk is the one
// filled, never the machine's. The fill file lives in the agent's fault-files directory, so the
// agent removes it at the next boot if the instance goes down while it holds (AWS's document
// schedules its rollback with atd for the same reason).
#include "ssm/documents/fis_document_parts.h"

namespace faultbox::ssm::document_files {

Document awsfis_run_disk_fill() {
  return {.name = "AWSFIS-Run-Disk-Fill",
          .description = "Fill the disk of an instance for the given duration.",
          .plugin = "DiskFill",
          .parameters = {duration_seconds_parameter("the disk stays filled"),
                         {.name = "Percent",
                          .description = "(Optional) How full the disk is made, 1 to 100 percent "
                                         "of its size.",
                          .fallback = {"95"},
                          .allowed_pattern = kPositivePercent},
                         install_dependencies_parameter()},
          .render = [](const ParameterValues& values, const RenderContext& context) {
            const auto seconds = duration_real_seconds(values, context);
            const auto percent = first_value(values, "Percent");
            Script script;
            script.execution_timeout_seconds = seconds + 60;
            script.text =
                require_tool(values, "fallocate", "util-linux") + fault_files_lines() +
                // df -P -k: 1024-byte blocks; fields 2 and 3 are the size and what is used.
                "set -- $(df -P -k \"$dir\" | awk 'NR == 2 {print $2, $3}')\n"
                "size_kib=$1 used_kib=$2\n"
                "fill_kib=$((size_kib * " +
                percent +
                " / 100 - used_kib))\n"
                "if [ \"$fill_kib\" -le 0 ]; then\n"
                "  echo \"The disk is already $((used_kib * 100 / size_kib))% full, at or over " +
                percent +
                "%\" >&2\n"
                "  exit 1\n"
                "fi\n"
                "file=\"$dir/disk-fill-$$\"\n"
                "trap 'rm -f \"$file\"; exit 143' TERM INT\n"
                "echo \"Filling $((fill_kib / 1024)) MiB of $((size_kib / 1024)) MiB to " +
                percent + "% for " + first_value(values, "DurationSeconds") +
                " seconds\"\n"
                "fallocate -l \"${fill_kib}KiB\" \"$file\" || { rm -f \"$file\"; exit 1; }\n"
                "df -h \"$dir\" | awk 'NR == 2 {print \"Disk now \" $5 \" full\"}'\n"
                "sleep " +
                std::to_string(seconds) +
                " &\n"
                "wait $!\n"
                "rm -f \"$file\"\n"
                "echo 'Disk fill ended; the space is free again'\n";
            return script;
          }};
}

}  // namespace faultbox::ssm::document_files
