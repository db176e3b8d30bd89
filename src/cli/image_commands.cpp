// The Amazon-Linux-like image's programs, run inside an instance's private view:
// `faultbox instance-init` boots it (cloud-init), `faultbox ssm-agent` is its SSM agent,
// `faultbox image-tool NAME ...` is the image's yum, dnf, apt-get, apt, systemctl and service.
// All are hidden: the lab runs them.
#include <signal.h>
#include <sys/wait.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/lab_connection.h"
#include "image/boot.h"
#include "image/packages.h"
#include "image/sandbox.h"
#include "image/ssm_agent.h"
#include "image/units.h"

namespace faultbox::cli {

namespace {

// After a good boot the instance keeps running until the lab stops it; services started here
// are our children, so they are reaped as they end.
void wait_for_stop() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGCHLD);
  sigprocmask(SIG_BLOCK, &set, nullptr);
  while (::waitpid(-1, nullptr, WNOHANG) > 0) {
  }  // services that ended before the mask was set
  for (;;) {
    int sig = 0;
    sigwait(&set, &sig);
    if (sig != SIGCHLD) return;
    while (::waitpid(-1, nullptr, WNOHANG) > 0) {
    }
  }
}

int run_tool(const std::string& name, const std::vector<std::string>& args,
             const image::ImageContext& image) {
  if (name == "systemctl") return image::run_systemctl(args, image, std::cout, std::cerr);
  if (name == "service") return image::run_service(args, image, std::cout, std::cerr);
  return image::run_package_manager(name, args, image.root, std::cout, std::cerr);
}

}  // namespace

void add_image_commands(CLI::App& app, GlobalOptions& global) {
  auto* init = app.add_subcommand("instance-init",
                                  "(internal) Boots the Amazon-Linux-like image: runs user data as "
                                  "cloud-init does, then keeps the instance running");
  init->group("");
  auto user_data_file = std::make_shared<std::string>();
  init->add_option("--user-data", *user_data_file, "File with the instance's user data")
      ->required();
  init->callback([&global, user_data_file] {
    std::cout << std::unitbuf;
    std::ifstream in(*user_data_file, std::ios::binary);
    if (!in) {
      std::cerr << "cloud-init: cannot read user data " << *user_data_file << "\n";
      throw CommandFailed{1};
    }
    std::stringstream text;
    text << in.rdbuf();
    image::BootOptions options{{"/", global.self_path}, text.str()};
    if (image::boot_instance(options, std::cout) != 0) {
      throw CommandFailed{1};  // the lab sees the instance fail its status check
    }
    wait_for_stop();
  });

  auto* agent = app.add_subcommand(
      "ssm-agent", "(internal) The image's SSM agent: runs the commands sent to its instance");
  agent->group("");
  agent->callback([] {
    const char* endpoint = std::getenv("FAULTBOX_SSM_ENDPOINT");
    if (endpoint == nullptr || *endpoint == '\0') {
      std::cerr << "amazon-ssm-agent: FAULTBOX_SSM_ENDPOINT is not set (the lab sets it)\n";
      throw CommandFailed{1};
    }
    if (int rc = image::run_ssm_agent({endpoint}, std::cout); rc != 0) throw CommandFailed{rc};
  });

  auto* tool = app.add_subcommand(
      "image-tool", "(internal) The image's yum, dnf, apt-get, apt, systemctl and service");
  tool->group("");
  tool->prefix_command();
  auto name = std::make_shared<std::string>();
  tool->add_option("name", *name, "Tool name")->required();
  tool->callback([&global, tool, name] {
    const auto& names = image::image_tool_names();
    if (std::find(names.begin(), names.end(), *name) == names.end()) {
      std::cerr << "image-tool: unknown tool " << *name << "\n";
      throw CommandFailed{2};
    }
    const int rc = run_tool(*name, tool->remaining(), {"/", global.self_path});
    if (rc != 0) {
      throw CommandFailed{rc};
    }
  });
}

}  // namespace faultbox::cli
