// Reading a stack directory for the lab: HCL files (*.tf) are converted to JSON here, with
// HashiCorp's parser (tools/hcl2json, run by Node.js), so the lab never needs Node; local
// modules' files are collected too, keyed by their path relative to the stack directory
// ("../modules/vpc/main.tf").
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>

namespace faultbox::cli {

// Every file the lab reads for the stack in `dir`, name -> content. *.tf files arrive as the
// JSON text of their HCL; *.tf.json, *.tf.yaml and *.tfvars(.json) as they are.
// Fails (CommandFailed with the message printed) on a syntax error, naming file:line:column,
// and when *.tf files exist but Node.js or the converter is missing.
nlohmann::json read_stack_files(const std::filesystem::path& dir);

}  // namespace faultbox::cli
