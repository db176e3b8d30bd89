// Each command file adds its subcommand to the app; main.cpp calls them in order.
#pragma once

#include <CLI/CLI.hpp>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace faultbox::cli {

// Options every command shares.
struct GlobalOptions {
  std::string data_dir;         // absolute; lab/data_dir.h says where by default
  std::string output = "text";  // "text" or "json" ("aws-json" reads as "json", see aws_json)
  bool aws_json = false;        // --output aws-json: templates as AWS FIS's create input
  std::string self_path;        // this binary
  std::string chdir;            // Terraform's global -chdir=DIR, for the stack verbs
  std::string region;           // AWS region for FIS and alarms; empty: the lab's default
};

void add_serve_command(CLI::App& app, GlobalOptions& global);
void add_down_command(CLI::App& app, GlobalOptions& global);
void add_status_command(CLI::App& app, GlobalOptions& global);
void add_instance_web_command(CLI::App& app, GlobalOptions& global);
void add_view_commands(CLI::App& app, GlobalOptions& global);
void add_traffic_command(CLI::App& app, GlobalOptions& global);
void add_instance_command(CLI::App& app, GlobalOptions& global);
void add_fis_commands(CLI::App& app, GlobalOptions& global);
void add_scenario_commands(CLI::App& app, GlobalOptions& global);
void add_cloudwatch_commands(CLI::App& app, GlobalOptions& global);
void add_workshop_command(CLI::App& app, GlobalOptions& global);
void add_report_command(CLI::App& app, GlobalOptions& global);
void add_stack_commands(CLI::App& app, GlobalOptions& global);
void add_init_command(CLI::App& app, GlobalOptions& global);
void add_lb_bench_proxy_command(CLI::App& app, GlobalOptions& global);
void add_image_commands(CLI::App& app, GlobalOptions& global);
void add_join_cgroups_command(CLI::App& app, GlobalOptions& global);
void add_credentials_command(CLI::App& app, GlobalOptions& global);
// Registered last, so it comes last in --help; it walks the whole tree when it runs.
void add_completion_command(CLI::App& app, GlobalOptions& global);

// Ends `cmd`'s --help with these command lines, under "Example:" (one) or "Examples:".
inline void set_examples(CLI::App* cmd, std::initializer_list<std::string_view> lines) {
  std::string text = lines.size() > 1 ? "Examples:" : "Example:";
  for (auto line : lines) {
    text.append("\n  ").append(line);
  }
  cmd->footer(text);
}

// Rewrites Terraform's one-dash long flags (-chdir=DIR, -var-file=F) to the two-dash form.
void normalise_terraform_flags(std::vector<std::string>& args);

}  // namespace faultbox::cli
