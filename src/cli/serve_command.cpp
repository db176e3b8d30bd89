// `faultbox serve`: run the lab in the foreground.
#include <spdlog/spdlog.h>

#include "cli/commands.h"
#include "cli/lab_connection.h"
#include "lab/lab.h"

namespace faultbox::cli {

void add_serve_command(CLI::App& app, GlobalOptions& global) {
  auto options = std::make_shared<lab::LabOptions>();
  auto* cmd = app.add_subcommand("serve", "Run the lab in the foreground on one HTTP port");
  cmd->add_option("--address", options->address, "Address to listen on")->capture_default_str();
  cmd->add_option("--port", options->port, "Port for the lab API, AWS APIs and console")
      ->capture_default_str();
  cmd->add_option("--speed", options->speed,
                  "Run lab time N times faster: every duration in stacks, health checks, alarms "
                  "and templates is divided by N")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--nice-lead", options->nice_lead,
                  "Run the lab N nice steps ahead of the instances it starts (needs root), so its "
                  "API answers on a machine they keep busy; an instance killed with -9 then more "
                  "often cuts a request short")
      ->check(CLI::Range(0, 19))
      ->capture_default_str();
  cmd->add_option("--network-faults", options->network_faults,
                  "Where network faults act: kernel (on the kernel's packet path, so every client "
                  "meets them, when the lab runs as root; otherwise as lab) or lab (only on the "
                  "lab's own paths to instances: load balancers, health checks, the metadata "
                  "service; the host's packet filter is left alone)")
      ->envname("FAULTBOX_NETWORK_FAULTS")
      ->check(CLI::IsMember({"kernel", "lab"}))
      ->capture_default_str();
  cmd->add_flag("--auth", options->check_signatures,
                "Check every AWS call's SigV4 signature: only keys the lab issued sign (the "
                "root's, printed by `faultbox credentials`; IAM users' access keys; role "
                "sessions'). Without it any credentials act as the account's root")
      ->envname("FAULTBOX_AUTH");
  set_examples(cmd, {"faultbox serve --port 4566 --speed 10", "faultbox serve --nice-lead 10",
                     "faultbox serve --auth", "FAULTBOX_NETWORK_FAULTS=lab faultbox up"});
  cmd->callback([&global, options] {
    options->data_dir = global.data_dir;
    options->self_path = global.self_path;
    lab::Lab lab(*options);
    auto result = lab.run();
    if (!result) {
      fail(result.error());
    }
  });
}

}  // namespace faultbox::cli
