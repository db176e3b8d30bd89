// `faultbox scenarios` and `faultbox scenarios create NAME`: FIS's scenario library as far as
// the lab's actions reach, written out as a template to edit and create (here or on AWS). Needs
// no lab: the templates are made here.
#include <fmt/format.h>

#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/lab_connection.h"
#include "core/arn.h"
#include "core/json_text.h"
#include "fis/scenarios.h"

namespace faultbox::cli {

namespace {

void list_scenarios(const GlobalOptions& global) {
  const auto& all = fis::builtin_scenarios();
  if (global.output == "json") {
    auto list = nlohmann::json::array();
    for (const auto& s : all) {
      list.push_back({{"id", s.id},
                      {"name", s.name},
                      {"description", s.description},
                      {"leftOut", s.left_out}});
    }
    std::cout << json_text(nlohmann::json{{"scenarios", list}}, 2) << "\n";
    return;
  }
  for (const auto& s : all) {
    std::cout << s.id << "  " << s.name << "\n  " << s.description << "\n";
    for (const auto& part : s.left_out) {
      std::cout << "  left out: " << part << "\n";
    }
  }
}

}  // namespace

void add_scenario_commands(CLI::App& app, GlobalOptions& global) {
  auto* scenarios =
      app.add_subcommand("scenarios", "List the FIS scenarios the lab can run; write one out");
  set_examples(scenarios,
               {"faultbox scenarios",
                "faultbox scenarios create az-power-interruption --az eu-west-2a "
                "--role arn:aws:iam::000000000000:role/funky-fis-role --file az-power.json"});
  scenarios->callback([&global, scenarios] {
    if (scenarios->get_subcommands().empty()) {
      list_scenarios(global);
    }
  });

  auto* create = scenarios->add_subcommand(
      "create", "Write a scenario's experiment template (CreateExperimentTemplate input)");
  struct Args {
    std::string id, file;
    fis::ScenarioInputs inputs;
    std::vector<std::string> tags;
    bool without_network = false;
  };
  auto args = std::make_shared<Args>();
  create->add_option("scenario", args->id, "The scenario's id (see `faultbox scenarios`)")
      ->required();
  create->add_option("--az", args->inputs.availability_zone, "The Availability Zone it impairs")
      ->required();
  create->add_option("--role", args->inputs.role_arn, "The ARN of the role the experiment runs as")
      ->required();
  create->add_option("--tag", args->tags,
                     "KEY=VALUE that picks the resources, instead of the scenario's own tags "
                     "(AzImpairmentPower=...); repeatable");
  create->add_option("--launch-role", args->inputs.launch_roles,
                     "A role whose instance launches fail (default: Auto Scaling's "
                     "service-linked role); repeatable");
  create->add_option("--duration", args->inputs.duration, "How long the impairment lasts, ISO 8601")
      ->default_val("PT30M");
  create->add_option("--file", args->file, "Write the template here instead of printing it");
  create->add_flag(
      "--without-network", args->without_network,
      "Leave out Pause-network-connectivity (for a lab without root, which cannot cut subnets "
      "off)");
  set_examples(create, {"faultbox scenarios create az-power-interruption --az eu-west-2a "
                        "--role arn:aws:iam::000000000000:role/funky-fis-role --tag Panda=funky "
                        "--duration PT5M --file az-power.json",
                        "faultbox templates create --file az-power.json"});
  create->callback([args] {
    if (args->without_network) args->inputs.network_problem = "left out with --without-network";
    for (const auto& tag : args->tags) {
      auto eq = tag.find('=');
      if (eq == std::string::npos || eq == 0) {
        fail(errors::validation("--tag: expected KEY=VALUE, got \"" + tag + "\""));
      }
      args->inputs.target_tags[tag.substr(0, eq)] = tag.substr(eq + 1);
    }
    const auto role = parse_arn(args->inputs.role_arn);
    args->inputs.account_id = role ? role->account : "";
    auto made = fis::scenario_template(args->id, args->inputs);
    if (!made) {
      fail(made.error());
    }
    const auto text = json_text(*made, 2) + "\n";
    if (args->file.empty()) {
      std::cout << text;
      return;
    }
    std::ofstream out(args->file);
    out << text;
    if (!out) {
      fail(errors::validation("cannot write " + args->file));
    }
    std::cerr << "wrote " << args->file << " (faultbox templates create --file " << args->file
              << ")\n";
  });
}

}  // namespace faultbox::cli
