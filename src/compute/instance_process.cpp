// Process specs for instances; the environment is the instance's identity, as on EC2 the
// instance learns it from IMDS.
#include "compute/instance_process.h"

#include <cstdlib>
#include <fstream>
#include <system_error>

#include "compute/instance_types.h"
#include "compute/orphaned_processes.h"
#include "core/absolute_path.h"
#include "image/cloud_config.h"
#include "image/sandbox.h"

namespace faultbox::compute {

namespace {

std::map<std::string, std::string> instance_env(const Instance& i, const ImageConfig& config,
                                                const std::filesystem::path& dir) {
  const char* path = std::getenv("PATH");
  return {
      {"PATH", path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin"},
      {"HOME", dir.string()},
      {"PORT", std::to_string(i.port)},
      {"ADDRESS", i.private_ip},
      {"INSTANCE_ID", i.id},
      {"AVAILABILITY_ZONE", i.availability_zone},
      {"REGION", i.region},
      {"NAME", i.name_tag()},
      {"AWS_EC2_METADATA_SERVICE_ENDPOINT", config.imds_endpoint_prefix + i.id},
      // Where the image's SSM agent asks for commands (image/ssm_agent.h).
      {"FAULTBOX_SSM_ENDPOINT", config.ssm_endpoint_prefix + i.id},
      // The instance type's memory, which bounds the memory faults run in the instance.
      {"FAULTBOX_INSTANCE_MEMORY_MIB",
       std::to_string(instance_type_size(i.instance_type).memory_mib)},
      // Which lab the process belongs to, so that the next lab finds it if this one is killed.
      {kLabDataDirVariable, absolute_path(config.data_dir)},
  };
}

Result<std::string> write_script(const std::filesystem::path& dir, const std::string& body) {
  auto path = dir / "user-data";
  std::error_code removed;
  std::filesystem::remove(path, removed);  // a rebooted instance writes it again
  {
    std::ofstream out(path, std::ios::trunc | std::ios::binary);
    out << body;
    if (!out) {
      return errors::internal("cannot write user data script " + path.string());
    }
  }
  std::error_code ec;
  std::filesystem::permissions(path, std::filesystem::perms::owner_all, ec);
  if (ec) {
    return errors::internal("cannot make " + path.string() + " executable: " + ec.message());
  }
  // Error is constructible from a string, so a string value must be placed explicitly.
  return Result<std::string>(boost::system::in_place_value, path.string());
}

bool is_empty_or_missing(const std::filesystem::path& dir) {
  std::error_code ec;
  return !std::filesystem::exists(dir, ec) || std::filesystem::is_empty(dir, ec);
}

// The instance's own disk under its root directories. Files an instance kept on the machine's
// file system (launched by a lab without disks) stay there, and so does an instance whose disk
// cannot be made: it still boots, and its console says why.
void attach_disk(const Instance& i, const ImageConfig& config) {
  if (!config.disks) return;
  const auto image = disk_image_path(config, i.id);
  std::error_code ec;
  if (!std::filesystem::exists(image, ec) && !is_empty_or_missing(rootfs_path(config, i.id))) {
    return;
  }
  if (auto attached = config.disks->attach(image, rootfs_path(config, i.id)); !attached) {
    note_in_console(config, i.id,
                    "no disk of its own (its files are on the machine's file system): " +
                        attached.error().message);
  }
}

// The Amazon-Linux-like image: `faultbox instance-init` inside the instance's own view.
Result<void> boot_image_spec(const Instance& i, const ImageConfig& config,
                             const std::filesystem::path& dir, ProcessSpec& spec) {
  FAULTBOX_TRY(user_data, write_script(dir, i.user_data));
  attach_disk(i, config);
  FAULTBOX_TRY_VOID(image::prepare_rootfs(dir, i.private_dns_name()));
  const auto tools = config.data_dir / "image" / "sbin";
  FAULTBOX_TRY_VOID(image::prepare_tools(tools, config.faultbox_binary));
  image::SandboxSpec sandbox{
      config.sandbox_program, dir, tools, config.faultbox_binary, config.imds_preload,
      i.private_dns_name()};
  spec.argv = image::sandbox_command(
      sandbox, {config.faultbox_binary, "instance-init", "--user-data", user_data});
  spec.env["PATH"] = image::image_path(spec.env["PATH"]);
  spec.env["FAULTBOX_IMDS_ADDRESS"] = config.imds_address;
  spec.env["FAULTBOX_INSTANCE_ADDRESS"] = i.private_ip;
  if (!config.imds_preload.empty()) {
    spec.env["LD_PRELOAD"] = config.imds_preload;
  }
  return {};
}

}  // namespace

std::filesystem::path instance_dir(const ImageConfig& config, const std::string& id) {
  return config.data_dir / "instances" / id;
}

std::filesystem::path console_log_path(const ImageConfig& config, const std::string& id) {
  return instance_dir(config, id) / "console.log";
}

std::filesystem::path disk_image_path(const ImageConfig& config, const std::string& id) {
  return instance_dir(config, id) / "disk.img";
}

std::filesystem::path rootfs_path(const ImageConfig& config, const std::string& id) {
  return image::rootfs_dir(instance_dir(config, id));
}

void note_in_console(const ImageConfig& config, const std::string& id, const std::string& line) {
  std::error_code ec;
  std::filesystem::create_directories(instance_dir(config, id), ec);
  std::ofstream out(console_log_path(config, id), std::ios::app);
  out << "[faultbox] " << line << '\n';
}

Result<ProcessSpec> build_process_spec(const Instance& i, const ImageConfig& config) {
  const auto dir = instance_dir(config, i.id);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return errors::internal("cannot create instance directory " + dir.string() + ": " +
                            ec.message());
  }
  ProcessSpec spec;
  spec.env = instance_env(i, config, dir);
  spec.working_dir = dir.string();
  spec.log_path = console_log_path(config, i.id).string();
  if (i.user_data.empty()) {
    spec.argv = {config.faultbox_binary, "instance-web", "--address",
                 i.private_ip,           "--port",       std::to_string(i.port)};
  } else if (!config.sandbox_problem.empty()) {
    spec.argv = {"/bin/sh", "-c", "echo \"faultbox: the instance cannot boot: $1\" >&2; exit 1",
                 "faultbox", config.sandbox_problem};
  } else if (!config.sandbox_program.empty()) {
    FAULTBOX_TRY_VOID(boot_image_spec(i, config, dir, spec));
  } else if (image::is_cloud_config(i.user_data)) {
    spec.argv = {"/bin/sh", "-c",
                 "echo 'cloud-init: #cloud-config user data needs the Amazon-Linux-like image, "
                 "which needs bubblewrap (apt-get install bubblewrap); the instance cannot "
                 "boot' >&2; exit 1"};
  } else if (i.user_data.rfind("#!", 0) == 0) {
    FAULTBOX_TRY(script, write_script(dir, i.user_data));
    spec.argv = {script};
  } else {
    spec.argv = {"/bin/sh", "-c", i.user_data};
  }
  return spec;
}

}  // namespace faultbox::compute
