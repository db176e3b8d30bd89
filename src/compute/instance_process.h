// Turns an Instance into the ProcessSpec that boots it: identity env vars, user data or the
// built-in web image, and the per-instance directory with its console log.
#pragma once

#include <filesystem>
#include <string>

#include "compute/instance.h"
#include "compute/process_supervisor.h"
#include "core/result.h"
#include "limits/instance_disks.h"

namespace faultbox::compute {

struct ImageConfig {
  std::filesystem::path data_dir;    // instances live in <data_dir>/instances/<id>/
  std::string faultbox_binary;       // runs `<binary> instance-web ...` for the built-in image
  std::string imds_endpoint_prefix;  // e.g. "http://127.0.0.1:4566/_imds/"; the id is appended
  std::string ssm_endpoint_prefix;   // e.g. "http://127.0.0.1:4566/_ssm/"; the id is appended
  // The Amazon-Linux-like image (user data): bwrap for the private filesystem view ("" = not
  // installed), the lab's address for 169.254.169.254 and the library that redirects it.
  std::string sandbox_program;
  // Why bwrap, though installed, cannot make views here ("" when it can): instances with user
  // data then fail to boot with this in their console log.
  std::string sandbox_problem;
  std::string imds_address;
  std::string imds_preload;
  // Root disks of their own for the image's instances (limits/instance_disks.h); none when null
  // (their files then live on the machine's file system).
  std::shared_ptr<limits::InstanceDisks> disks;
};

std::filesystem::path instance_dir(const ImageConfig& config, const std::string& id);
std::filesystem::path console_log_path(const ImageConfig& config, const std::string& id);
// The instance's root disk's image file (its EBS volume) and where it is mounted.
std::filesystem::path disk_image_path(const ImageConfig& config, const std::string& id);
std::filesystem::path rootfs_path(const ImageConfig& config, const std::string& id);
// A "[faultbox] ..." line in the instance's console log.
void note_in_console(const ImageConfig& config, const std::string& id, const std::string& line);

// Creates the instance directory. Without user data: the built-in web image. With user data and
// a sandbox program: the Amazon-Linux-like image (`faultbox instance-init` in the instance's
// private filesystem view) boots it: cloud-config or script. Without a sandbox program a `#!`
// script runs directly (plain text through /bin/sh) and cloud-config fails to boot, saying that
// bubblewrap is missing. InternalFailure when the directory or files cannot be written.
Result<ProcessSpec> build_process_spec(const Instance& instance, const ImageConfig& config);

}  // namespace faultbox::compute
