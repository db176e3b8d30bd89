// Turns an Instance into the ProcessSpec that boots it: identity env vars, user data or the
// built-in web image, and the per-instance directory with its console log.
#pragma once

#include <filesystem>
#include <string>

#include "compute/instance.h"
#include "compute/process_supervisor.h"
#include "core/result.h"

namespace faultbox::compute {

struct ImageConfig {
  std::filesystem::path data_dir;    // instances live in <data_dir>/instances/<id>/
  std::string faultbox_binary;       // runs `<binary> instance-web ...` for the built-in image
  std::string imds_endpoint_prefix;  // e.g. "http://127.0.0.1:4566/_imds/"; the id is appended
};

std::filesystem::path instance_dir(const ImageConfig& config, const std::string& id);
std::filesystem::path console_log_path(const ImageConfig& config, const std::string& id);

// Creates the instance directory (and writes a `#!` user-data script there, executable).
// With user data: `/bin/sh -c <user_data>`, or the written script for `#!`. Without: the
// built-in web image. InternalFailure when the directory or script cannot be written.
Result<ProcessSpec> build_process_spec(const Instance& instance, const ImageConfig& config);

}  // namespace faultbox::compute
