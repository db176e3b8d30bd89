// The boot sequence; every failure is written to the console log with what to look at.
#include "image/boot.h"

#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <vector>

#include "core/clock.h"
#include "core/iso8601.h"
#include "image/cloud_config.h"
#include "image/packages.h"
#include "image/write_files.h"

extern char** environ;

namespace faultbox::image {

namespace {

namespace fs = std::filesystem;
const std::string kVersion = "Cloud-init v. 23.2.2-faultbox";

fs::path instance_state(const ImageContext& image) { return image.root / "var/lib/cloud/instance"; }

std::string now_text() {
  return format_iso8601(std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now()));
}

// Writes `body` as an executable script and runs it with /bin/sh; returns its exit status.
int run_script(const fs::path& path, const std::string& body, std::ostream& console) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  {
    std::ofstream out(path, std::ios::trunc | std::ios::binary);
    out << body;
  }
  fs::permissions(path, fs::perms::owner_all, ec);
  console.flush();
  const bool has_shebang = body.rfind("#!", 0) == 0;
  std::string shell = "/bin/sh", file = path.string();
  std::vector<char*> argv;
  if (!has_shebang) argv.push_back(shell.data());
  argv.push_back(file.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (int rc = ::posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ); rc != 0) {
    console << "cloud-init: cannot run " << path.string() << ": " << std::strerror(rc) << "\n";
    return 127;
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string shell_script(const std::vector<std::string>& lines) {
  std::string body = "#!/bin/sh\n";
  for (const auto& line : lines) body += line + "\n";
  return body;
}

// The write_files entries with defer == `deferred`; false on the first failure.
bool write_all(const CloudConfig& config, bool deferred, const ImageContext& image,
               std::vector<std::string>& failures, std::ostream& console) {
  for (const auto& file : config.write_files) {
    if (file.defer != deferred) continue;
    auto note = write_file(file, image.root);
    if (!note) {
      failures.push_back(note.error().message);
      console << "cloud-init: " << note.error().message << "\n";
      return false;
    }
    if (!note->empty()) console << "cloud-init: " << *note << "\n";
  }
  return true;
}

void run_cloud_config(const std::string& user_data, bool first_boot, const ImageContext& image,
                      std::vector<std::string>& failures, std::ostream& console) {
  auto parsed = parse_cloud_config(user_data);
  if (!parsed) {
    failures.push_back("user data is not valid cloud-config: " + parsed.error().message);
    console << "cloud-init: " << failures.back() << "\n";
    return;
  }
  const auto& config = *parsed;
  const auto scripts = instance_state(image) / "scripts";
  for (const auto& key : config.ignored_keys) {
    console << "cloud-init: module \"" << key << "\" is not run by the faultbox image; skipped\n";
  }
  if (!config.bootcmd.empty()) {
    if (int rc = run_script(scripts / "bootcmd", shell_script(config.bootcmd), console); rc != 0) {
      failures.push_back("bootcmd exited with status " + std::to_string(rc));
      console << "cloud-init: " << failures.back() << "\n";
      return;
    }
  }
  if (!first_boot) {
    console << "cloud-init: write_files, packages and runcmd ran on the first boot; not again\n";
    return;
  }
  if (!write_all(config, false, image, failures, console)) return;
  if (config.package_update || config.package_upgrade) {
    console << "cloud-init: package_update/upgrade: the image's packages are current\n";
  }
  if (!install_packages(config.packages, image.root, console, console)) {
    failures.push_back("packages: could not install every package (see above)");
    console << "cloud-init: " << failures.back() << "\n";
    return;
  }
  if (!write_all(config, true, image, failures, console)) return;
  if (!config.runcmd.empty()) {
    const auto script = scripts / "runcmd";
    console << "cloud-init: running runcmd (" << config.runcmd.size() << " commands, "
            << script.string() << ")\n";
    if (int rc = run_script(script, shell_script(config.runcmd), console); rc != 0) {
      failures.push_back("runcmd exited with status " + std::to_string(rc) + " (" +
                         script.string() + ")");
      console << "cloud-init: " << failures.back() << "\n";
    }
  }
}

}  // namespace

int boot_instance(const BootOptions& options, std::ostream& console) {
  const auto& image = options.image;
  const auto finished = instance_state(image) / "boot-finished";
  const bool first_boot = !fs::exists(finished);
  console << kVersion << " running 'modules' at " << now_text()
          << (first_boot ? " (first boot)" : "") << ".\n";
  std::vector<std::string> failures;
  if (!start_enabled_units(image, console, console)) {
    failures.push_back("an enabled service did not start (see above)");
  }
  if (is_cloud_config(options.user_data)) {
    run_cloud_config(options.user_data, first_boot, image, failures, console);
  } else if (!options.user_data.empty()) {
    const auto script = instance_state(image) / "scripts/part-001";
    if (int rc = run_script(script, options.user_data, console); rc != 0) {
      failures.push_back("user-data script exited with status " + std::to_string(rc) + " (" +
                         script.string() + ")");
      console << "cloud-init: " << failures.back() << "\n";
    }
  }
  std::error_code ec;
  fs::create_directories(finished.parent_path(), ec);
  std::ofstream(finished) << now_text() << "\n";
  console << kVersion << " finished at " << now_text() << ". Datasource DataSourceEc2. "
          << (failures.empty()
                  ? "No errors."
                  : "Errors: " + std::to_string(failures.size()) + "; first: " + failures.front())
          << "\n";
  console.flush();
  return failures.empty() ? 0 : 1;
}

}  // namespace faultbox::image
