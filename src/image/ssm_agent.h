// The image's SSM agent (the amazon-ssm-agent service, enabled as on Amazon Linux 2023): it
// polls the lab for commands sent to its instance, runs each as a shell script in the instance
// (a process group of its own, output to files), cancels or times them out when told, and
// reports how each ended. It keeps polling while the lab is away, and its commands keep running.
#pragma once

#include <chrono>
#include <filesystem>
#include <ostream>
#include <string>

namespace faultbox::image {

struct SsmAgentOptions {
  std::string endpoint;  // http://<lab>/_ssm/<instance-id>
  std::filesystem::path work_dir = "/var/lib/amazon/ssm";
  std::chrono::milliseconds poll_every{1000};
};

// Runs until SIGTERM or SIGINT, which end its commands too; returns the exit code.
int run_ssm_agent(const SsmAgentOptions& options, std::ostream& log);

}  // namespace faultbox::image
