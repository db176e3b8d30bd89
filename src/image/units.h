// The image's service manager: `systemctl` and `service` for the units installed packages bring
// (httpd, nginx: the lab's web server on the instance's address, serving /var/www/html) and for
// unit files a user writes to /etc/systemd/system (ExecStart run by /bin/sh). Enabled units start
// at every boot. State lives under the root: pid files in /run (gone at reboot), enablement in
// /etc/systemd/system/multi-user.target.wants.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "core/result.h"

namespace faultbox::image {

struct ImageContext {
  std::filesystem::path root = "/";  // the instance's filesystem view
  std::string faultbox_binary;       // runs the web server of httpd/nginx
};

struct Unit {
  std::string name;  // without ".service"
  std::vector<std::string> argv;
  std::filesystem::path working_dir;
  std::map<std::string, std::string> env;
};

// The image's SSM agent (image/ssm_agent.h), enabled on every instance's first boot.
inline constexpr const char* kSsmAgentUnit = "amazon-ssm-agent";

// Marks `unit` enabled (started at every boot), as `systemctl enable` does.
Result<void> enable_unit(const std::string& unit, const ImageContext& image);

// The unit `name` ("httpd" or "httpd.service"); NotFound naming it when no package or unit file
// provides it.
Result<Unit> find_unit(const std::string& name, const ImageContext& image);

// `systemctl <args>`; returns the exit code systemd's tool would (0, 1, 3 inactive, 5 no unit).
int run_systemctl(const std::vector<std::string>& args, const ImageContext& image,
                  std::ostream& out, std::ostream& err);
// `service NAME start|stop|restart|status`.
int run_service(const std::vector<std::string>& args, const ImageContext& image, std::ostream& out,
                std::ostream& err);

// Starts every enabled unit (boot); false when one failed to start (said on `err`).
bool start_enabled_units(const ImageContext& image, std::ostream& out, std::ostream& err);

}  // namespace faultbox::image
