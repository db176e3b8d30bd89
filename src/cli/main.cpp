// faultbox: the command line. Every subcommand lives in its own file.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string_view>

#include "cli/commands.h"
#include "cli/lab_connection.h"
#include "core/absolute_path.h"
#include "faultbox_version.h"
#include "lab/data_dir.h"

namespace {
std::string self_path(const char* argv0) {
  std::error_code ec;
  auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string(argv0) : p.string();
}
}  // namespace

int main(int argc, char** argv) {
  using namespace faultbox::cli;
  CLI::App app{
      "faultbox: a chaos-engineering lab on one machine. It runs the AWS resilience workshop's\n"
      "service (instances in three AZs, an auto-scaling group, a classic load balancer, alarms)\n"
      "as real processes with real HTTP traffic, and runs AWS FIS experiment templates on it."};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("faultbox ") + FAULTBOX_VERSION + " (commit " +
                                        FAULTBOX_COMMIT + ")");
  GlobalOptions global;
  global.self_path = self_path(argv[0]);
  global.data_dir = faultbox::lab::default_data_dir();
  app.add_option("--data-dir", global.data_dir,
                 "Where the lab keeps its state; one lab per directory (default: "
                 "$FAULTBOX_DATA_DIR, else $XDG_STATE_HOME/faultbox, else "
                 "~/.local/state/faultbox)")
      ->transform(CLI::Validator(
          [](std::string& dir) {
            dir = faultbox::absolute_path(dir);
            return std::string();
          },
          "DIR"))
      ->capture_default_str();
  app.add_option("--output", global.output,
                 "Output format: text or json; aws-json is json, with `templates get` printing "
                 "the input of `aws fis create-experiment-template --cli-input-json`")
      ->check(CLI::IsMember({"text", "json", "aws-json"}))
      ->each([&global](const std::string& v) {
        global.aws_json = v == "aws-json";
        if (global.aws_json) {
          global.output = "json";
        }
      })
      ->capture_default_str();
  app.add_option("--chdir", global.chdir, "Run stack commands in this directory (as -chdir=DIR)");
  app.add_option("--region", global.region,
                 "AWS region for templates, experiments and alarms (default: $AWS_REGION, else "
                 "the region of the lab's resources)");
  if (const char* r = std::getenv("AWS_REGION"); r && *r) {
    global.region = r;
  }
  add_serve_command(app, global);
  add_down_command(app, global);
  add_status_command(app, global);
  add_credentials_command(app, global);
  add_init_command(app, global);
  add_stack_commands(app, global);
  add_view_commands(app, global);
  add_instance_command(app, global);
  add_fis_commands(app, global);
  add_scenario_commands(app, global);
  add_cloudwatch_commands(app, global);
  add_workshop_command(app, global);
  add_report_command(app, global);
  add_traffic_command(app, global);
  add_instance_web_command(app, global);
  add_lb_bench_proxy_command(app, global);
  add_image_commands(app, global);
  add_join_cgroups_command(app, global);
  add_completion_command(app, global);
  // Set after the subcommands: CLI11 copies a parent's footer into the subcommands added later.
  set_examples(&app, {"faultbox workshop --step 03 --speed 10",
                      "faultbox apply --auto-approve --var-file ../common/common.tfvars",
                      "faultbox --output json instances --filter instance-state-name=running"});
  try {
    std::vector<std::string> args(argv + 1, argv + argc);
    normalise_terraform_flags(args);
    std::reverse(args.begin(), args.end());  // CLI11 takes the vector in reverse order
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const CommandFailed& failed) {
    return failed.exit_code;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    if (std::string_view(e.what()).starts_with("io_uring")) {
      std::cerr << "hint: this faultbox drives its sockets through io_uring, which this system "
                   "refuses (containers often do); build it with cmake -DFAULTBOX_IO_URING=OFF "
                   "for epoll\n";
    }
    return 1;
  }
  return 0;
}
