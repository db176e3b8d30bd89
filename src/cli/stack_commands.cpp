// `faultbox plan | apply | destroy | output`: Terraform's verbs on a stack directory. The CLI reads
// the files and sends them to the lab, which evaluates, plans and applies them.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/hcl_files.h"
#include "cli/lab_connection.h"
#include "cli/stack_client.h"
#include "core/json_text.h"

namespace faultbox::cli {

namespace fs = std::filesystem;

std::string read_stack_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    fail(errors::validation("cannot read " + path.string()));
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

namespace {}  // namespace

nlohmann::json stack_request(const StackArgs& args) {
  fs::path dir = fs::absolute(args.chdir);
  if (!fs::is_directory(dir)) {
    fail(errors::validation("stack directory " + dir.string() + " does not exist"));
  }
  nlohmann::json files = read_stack_files(dir);
  auto var_files = nlohmann::json::array();
  for (const auto& f : args.var_files) {
    fs::path p = fs::path(f).is_absolute() ? fs::path(f) : dir / f;
    var_files.push_back({{"name", f}, {"content", read_stack_file(p)}});
  }
  nlohmann::json env = nlohmann::json::object();
  for (char** e = environ; *e; ++e) {
    std::string kv = *e;
    if (kv.rfind("TF_VAR_", 0) == 0 && kv.find('=') != std::string::npos) {
      env[kv.substr(0, kv.find('='))] = kv.substr(kv.find('=') + 1);
    }
  }
  const char* region = std::getenv("AWS_REGION");
  if (!region || !*region) {
    region = std::getenv("AWS_DEFAULT_REGION");
  }
  // The stack's identity: one string for every way of naming its directory (`cd step03 &&
  // faultbox apply` and `faultbox --chdir $PWD/step03 destroy` are one stack).
  return {{"dir", fs::canonical(dir).string()},
          {"region", region && *region ? region : "us-east-1"},
          {"files", files},
          {"var_files", var_files},
          {"vars", args.vars},
          {"env", env}};
}

nlohmann::json stack_call(const GlobalOptions& global, const std::string& verb,
                          const nlohmann::json& body) {
  return lab_request(global, "POST", "/_faultbox/stack/" + verb, body);
}

namespace {

bool confirmed(const std::string& question) {
  std::cout << question
            << "\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: " << std::flush;
  std::string answer;
  if (!std::getline(std::cin, answer)) {
    return false;
  }
  return answer == "yes";
}

void print(const GlobalOptions& global, const nlohmann::json& answer) {
  if (global.output == "json") {
    auto out = answer;
    out.erase("text");
    std::cout << json_text(out, 2) << "\n";
  } else {
    std::cout << answer.value("text", "");
  }
}

void add_verb(CLI::App& app, GlobalOptions& global, const std::string& verb,
              const std::string& help, bool approvable, std::string_view example) {
  auto args = std::make_shared<StackArgs>();
  auto* cmd = app.add_subcommand(verb, help);
  cmd->add_option("--chdir", args->chdir, "Stack directory (default: the current one)");
  cmd->add_option("--var-file", args->var_files, "A .tfvars file (repeatable, in order)");
  cmd->add_option("--var", args->vars, "A variable as NAME=VALUE (repeatable)");
  if (approvable) {
    cmd->add_flag("--auto-approve", args->auto_approve, "Skip the interactive approval");
  }
  set_examples(cmd, {example});
  cmd->callback([&global, args, verb, approvable] {
    if (args->chdir == "." && !global.chdir.empty()) {
      args->chdir = global.chdir;
    }
    auto body = stack_request(*args);
    if (approvable && !args->auto_approve) {
      auto preview = stack_call(global, verb == "destroy" ? "plan-destroy" : "plan", body);
      std::cout << preview.value("text", "");
      if (!preview.value("has_changes", true)) {
        return;
      }
      if (!confirmed("\nDo you want to perform these actions?")) {
        std::cout << "\n" << (verb == "destroy" ? "Destroy" : "Apply") << " cancelled.\n";
        throw CommandFailed{1};
      }
    }
    print(global, stack_call(global, verb, body));
  });
}
}  // namespace

void add_stack_commands(CLI::App& app, GlobalOptions& global) {
  add_verb(app, global, "plan", "Show what apply would change in the stack", false,
           "faultbox plan --var-file ../common/common.tfvars");
  add_verb(app, global, "apply", "Create or update the stack's resources", true,
           "faultbox apply --auto-approve --var-file ../common/common.tfvars");
  add_verb(app, global, "destroy", "Remove every resource of the stack", true,
           "faultbox destroy --auto-approve --var-file ../common/common.tfvars");
  add_verb(app, global, "output", "Print the stack's outputs", false,
           "faultbox --output json output --chdir examples/workshop/step03");
}

// Terraform spells long options with one dash (-chdir=DIR, -var-file=F, -auto-approve).
void normalise_terraform_flags(std::vector<std::string>& args) {
  for (auto& a : args) {
    for (const char* flag :
         {"-chdir", "-var-file", "-var", "-auto-approve", "-upgrade", "-reconfigure", "-input"}) {
      std::string f = flag;
      if (a == f || a.rfind(f + "=", 0) == 0) {
        a = "-" + a;
        break;
      }
    }
  }
}

}  // namespace faultbox::cli
