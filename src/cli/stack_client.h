// Sending a stack directory to the lab: what `plan | apply | destroy | output` and
// `faultbox workshop` share.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace faultbox::cli {

struct StackArgs {
  std::string chdir = ".";
  std::vector<std::string> var_files;
  std::vector<std::string> vars;
  bool auto_approve = false;
};

// A file's bytes; ends the command with ValidationException naming it when unreadable.
std::string read_stack_file(const std::filesystem::path& path);

// The request body: the directory's stack files, the var files, -var values and TF_VAR_ env.
nlohmann::json stack_request(const StackArgs& args);

// POST /_faultbox/stack/<verb> (plan, plan-destroy, apply, destroy, output); the answer's
// "text" is what Terraform would print.
nlohmann::json stack_call(const GlobalOptions& global, const std::string& verb,
                          const nlohmann::json& body);

}  // namespace faultbox::cli
