// The image's package manager, offline: `yum`/`dnf`/`apt-get install` succeed for the packages
// the image provides (web servers it can run, tools the machine already has) and refuse others
// with the message the real tool prints. Installed packages are recorded under the root.
#pragma once

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace faultbox::image {

struct Package {
  std::string name;
  std::string summary;
  std::string unit;  // the service it installs ("" for a plain tool)
  std::string tool;  // a program that must exist on the machine for the package to be offered
};

// The package named `name` (aliases such as apache2 → its own entry), if the image offers it.
std::optional<Package> find_package(const std::string& name);
bool package_installed(const std::string& name, const std::filesystem::path& root);

// Runs `<manager> <args>` (manager: yum, dnf, apt-get or apt); returns the exit code.
int run_package_manager(const std::string& manager, const std::vector<std::string>& args,
                        const std::filesystem::path& root, std::ostream& out, std::ostream& err);

// Installs `names` as cloud-init's packages module does; false (with the reason written to
// `err`) when one of them is not offered.
bool install_packages(const std::vector<std::string>& names, const std::filesystem::path& root,
                      std::ostream& out, std::ostream& err);

}  // namespace faultbox::image
