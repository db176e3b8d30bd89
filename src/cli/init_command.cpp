// `faultbox init`: Terraform's first verb, without the network. It reads the stack as plan would
// (HCL converted, local modules collected), and says what it found: the backend, the modules,
// and for each provider the stack needs whether the lab stands in for it. A provider the lab does
// not have, or a module that cannot be read, fails as `terraform init` fails. No lab is started.
#include <iostream>
#include <map>
#include <set>

#include "cli/commands.h"
#include "cli/hcl_files.h"
#include "cli/lab_connection.h"
#include "cloud/resource_handler.h"
#include "stack/config_loader.h"
#include "stack/data_sources.h"

namespace faultbox::cli {

namespace {

namespace fs = std::filesystem;

// The providers the lab answers for, by source, with what it gives of each.
const std::map<std::string, std::string>& known_providers() {
  static const std::map<std::string, std::string> kKnown = {
      {"hashicorp/aws", "the lab's AWS: its resources and data sources"},
      {"hashicorp/archive", "archive_file, zip archives written by the lab"},
      {"terraform.io/builtin/terraform", "terraform_remote_state"},
  };
  return kKnown;
}

// A resource or data source type's provider, as Terraform infers it: the name before the first
// '_' ("aws_elb" -> hashicorp/aws; terraform_remote_state is Terraform's own).
std::string implied_source(const std::string& type) {
  std::string prefix = type.substr(0, type.find('_'));
  return prefix == "terraform" ? "terraform.io/builtin/terraform" : "hashicorp/" + prefix;
}

struct Needed {
  std::string version;       // the constraints, joined
  std::set<std::string> by;  // where: "main.tf" or "resource aws_elb.this"
};

void run_init(const GlobalOptions& global, const std::string& chdir) {
  fs::path dir = fs::absolute(chdir == "." && !global.chdir.empty() ? global.chdir : chdir);
  if (!fs::is_directory(dir)) {
    fail(errors::validation("stack directory " + dir.string() + " does not exist"));
  }
  auto files = read_stack_files(dir);
  auto config = stack::load_config(files.get<std::map<std::string, std::string>>());
  if (!config) {
    fail(config.error());
  }
  std::cout << "Initializing the backend...\n";
  if (config->backend_path) {
    std::cout << "\nSuccessfully configured the backend \"local\"! faultbox will keep this "
                 "stack's state in "
              << *config->backend_path << ".\n";
  }
  if (!config->modules.empty()) {
    std::cout << "\nInitializing modules...\n";
    std::set<std::string> seen;
    for (const auto& m : config->modules) {
      if (seen.insert(m.path()).second) {
        std::cout << "- " << m.path().substr(m.path().find("module.") + 7) << " in " << m.directory
                  << "\n";
      }
    }
  }

  std::map<std::string, Needed> needed;
  for (const auto& p : config->required_providers) {
    auto& n = needed[p.source];
    if (!p.version.empty()) {
      n.version += (n.version.empty() ? "" : ", ") + p.version;
    }
    n.by.insert(p.file);
  }
  std::set<std::string> resource_types;
  for (const auto& h : cloud::all_resource_handlers()) {
    resource_types.insert(h.type);
  }
  std::set<std::string> data_types(stack::data_source_types().begin(),
                                   stack::data_source_types().end());
  std::vector<std::string> unsupported;
  for (const auto& r : config->resources) {
    std::string source = implied_source(r.type);
    if (source != "terraform.io/builtin/terraform" || r.data) {
      needed[source].by.insert(std::string(r.data ? "data " : "resource ") + r.type);
    }
    bool known = r.data ? data_types.count(r.type) != 0 : resource_types.count(r.type) != 0;
    if (!known) {
      unsupported.push_back((r.data ? "data." : "") + r.type + "." + r.name);
    }
  }

  std::cout << "\nInitializing provider plugins...\n";
  std::vector<std::string> missing;
  for (const auto& [source, n] : needed) {
    auto known = known_providers().find(source);
    if (known == known_providers().end()) {
      missing.push_back(source);
      continue;
    }
    std::cout << "- " << source << (n.version.empty() ? "" : " (" + n.version + ")")
              << ": built into faultbox (" << known->second << ")\n";
  }
  if (!missing.empty()) {
    std::string list;
    for (const auto& m : missing) {
      list += (list.empty() ? "" : ", ") + m;
    }
    std::string have;
    for (const auto& [source, what] : known_providers()) {
      have += (have.empty() ? "" : ", ") + source;
    }
    fail(errors::validation("Failed to query available provider packages: faultbox has no " + list +
                            " (it stands in for " + have + ")"));
  }
  if (!unsupported.empty()) {
    std::cout << "\nWarning: the lab has no resource type for";
    for (const auto& u : unsupported) {
      std::cout << " " << u;
    }
    std::cout << "; plan and apply will refuse them.\n";
  }
  std::cout << "\nfaultbox has been successfully initialized!\n\n"
               "You may now begin working with the lab. Try running \"faultbox plan\" to see\n"
               "any changes that are required for your infrastructure.\n";
}

}  // namespace

void add_init_command(CLI::App& app, GlobalOptions& global) {
  auto chdir = std::make_shared<std::string>(".");
  auto* cmd = app.add_subcommand(
      "init",
      "Check a stack directory as `terraform init` does, without the network: its backend, "
      "its local modules and the providers it needs (hashicorp/aws and hashicorp/archive are "
      "built in). Starts no lab and downloads nothing.");
  cmd->add_option("--chdir", *chdir, "Stack directory (default: the current one)");
  // Terraform's init flags, accepted so that scripts written for Terraform run unchanged: the
  // lab has nothing to download or migrate.
  auto ignored = std::make_shared<std::string>();
  cmd->add_flag("--upgrade")->description("Accepted for Terraform's sake (nothing to upgrade)");
  cmd->add_flag("--reconfigure")
      ->description("Accepted for Terraform's sake (the backend is read anew)");
  cmd->add_option("--input", *ignored, "Accepted for Terraform's sake (init asks nothing)");
  set_examples(cmd, {"faultbox init --chdir examples/workshop/step03"});
  cmd->callback([&global, chdir, ignored] { run_init(global, *chdir); });
}

}  // namespace faultbox::cli
