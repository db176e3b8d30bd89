// Process specs for instances; the environment is the instance's identity, as on EC2 the
// instance learns it from IMDS.
#include "compute/instance_process.h"

#include <cstdlib>
#include <fstream>
#include <system_error>

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
  };
}

Result<std::string> write_script(const std::filesystem::path& dir, const std::string& body) {
  auto path = dir / "user-data";
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

}  // namespace

std::filesystem::path instance_dir(const ImageConfig& config, const std::string& id) {
  return config.data_dir / "instances" / id;
}

std::filesystem::path console_log_path(const ImageConfig& config, const std::string& id) {
  return instance_dir(config, id) / "console.log";
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
  if (i.user_data.rfind("#!", 0) == 0) {
    FAULTBOX_TRY(script, write_script(dir, i.user_data));
    spec.argv = {script};
  } else if (!i.user_data.empty()) {
    spec.argv = {"/bin/sh", "-c", i.user_data};
  } else {
    spec.argv = {config.faultbox_binary, "instance-web", "--address", i.private_ip,
                 "--port",               std::to_string(i.port)};
  }
  return spec;
}

}  // namespace faultbox::compute
