// `faultbox credentials`: the account root's keys of a lab that checks signatures
// (`serve --auth`), as shell lines for the aws CLI, boto3 and Terraform.
#include <iostream>

#include "cli/commands.h"
#include "cli/lab_connection.h"
#include "core/json_text.h"

namespace faultbox::cli {

void add_credentials_command(CLI::App& app, GlobalOptions& global) {
  auto* cmd = app.add_subcommand(
      "credentials", "Print the account root's access key of a lab started with `serve --auth`");
  set_examples(cmd, {"eval \"$(faultbox credentials)\" && aws sts get-caller-identity",
                     "faultbox --output json credentials"});
  cmd->callback([&global] {
    auto lab = wait_for_running_lab(global);
    if (!lab) {
      fail(Error{"NotRunning", "No lab is running in " + global.data_dir + ".", 404});
    }
    if (lab->access_key_id.empty()) {
      fail(Error{"NotChecked",
                 "The lab at " + lab->base_url() +
                     " does not check signatures (started without --auth): any credentials act "
                     "as the account's root.",
                 400});
    }
    if (global.output == "json") {
      std::cout << json_text(nlohmann::json{{"AccessKeyId", lab->access_key_id},
                                            {"SecretAccessKey", lab->secret_access_key},
                                            {"EndpointUrl", lab->base_url()}},
                             2)
                << "\n";
      return;
    }
    std::cout << "export AWS_ACCESS_KEY_ID=" << lab->access_key_id << "\n"
              << "export AWS_SECRET_ACCESS_KEY=" << lab->secret_access_key << "\n"
              << "unset AWS_SESSION_TOKEN\n"
              << "export AWS_ENDPOINT_URL=" << lab->base_url() << "\n";
  });
}

}  // namespace faultbox::cli
