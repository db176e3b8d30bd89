// `faultbox instance-web`: the built-in web image, run by the lab as an instance's process.
#include <sys/prctl.h>

#include "cli/commands.h"
#include "cli/lab_connection.h"
#include "compute/web_image.h"

namespace faultbox::cli {

void add_instance_web_command(CLI::App& app, GlobalOptions&) {
  auto* cmd = app.add_subcommand(
      "instance-web", "(internal) The built-in web image an instance runs; reads its identity "
                      "from ADDRESS, PORT, INSTANCE_ID, NAME, AVAILABILITY_ZONE, REGION");
  cmd->group("");  // hidden from --help: users never run it themselves
  auto options = std::make_shared<compute::WebImageOptions>();
  cmd->add_option("--address", options->address, "Address to listen on (default: $ADDRESS)");
  cmd->add_option("--port", options->port, "Port to listen on (default: $PORT)");
  cmd->add_option("--root", options->document_root,
                  "Serve the files of this directory instead of the workshop page");
  auto process_name = std::make_shared<std::string>();
  cmd->add_option("--process-name", *process_name,
                  "The name ps and killall see (the server this one stands for: httpd)");
  cmd->callback([options, process_name] {
    if (!process_name->empty()) ::prctl(PR_SET_NAME, process_name->c_str(), 0, 0, 0);
    auto from_env = compute::web_image_options_from_env();
    if (options->address != compute::WebImageOptions{}.address) {
      from_env.address = options->address;
    }
    if (options->port != compute::WebImageOptions{}.port) {
      from_env.port = options->port;
    }
    from_env.document_root = options->document_root;
    int rc = compute::run_web_image(from_env);
    if (rc != 0) {
      throw CommandFailed{rc};
    }
  });
}

}  // namespace faultbox::cli
