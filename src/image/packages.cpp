// An offline package repository: a fixed catalog, install state as marker files.
#include "image/packages.h"

#include <fstream>
#include <sstream>

#include "core/program_path.h"

namespace faultbox::image {

namespace {

namespace fs = std::filesystem;

const std::vector<Package>& catalog() {
  static const std::vector<Package> packages{
      {"httpd", "Apache HTTP Server (serves /var/www/html on the instance's address)", "httpd", ""},
      {"apache2", "Apache HTTP Server (serves /var/www/html on the instance's address)", "apache2",
       ""},
      {"nginx", "nginx web server (serves /var/www/html on the instance's address)", "nginx", ""},
      {"curl", "command line tool for transferring data with URLs", "", "curl"},
      {"wget", "network downloader", "", "wget"},
      {"jq", "command-line JSON processor", "", "jq"},
      {"gettext", "GNU gettext utilities (envsubst)", "", "envsubst"},
      {"python3", "Python 3 interpreter", "", "python3"},
      {"tar", "GNU tar", "", "tar"},
      {"gzip", "GNU gzip", "", "gzip"},
      {"unzip", "unzip", "", "unzip"},
      {"git", "distributed version control system", "", "git"},
      {"procps-ng", "ps, top, kill and friends", "", "ps"},
      {"psmisc", "killall, fuser and pstree", "", "killall"},
      {"iproute", "ip and ss", "", "ip"},
      {"stress-ng", "stress tester", "", "stress-ng"},
      {"stress", "stress tester", "", "stress"},
      {"awscli", "AWS command line interface", "", "aws"},
  };
  return packages;
}

fs::path marker(const std::string& name, const fs::path& root) {
  return root / "var/lib/faultbox-image/packages" / name;
}

bool is_option(const std::string& arg) { return !arg.empty() && arg.front() == '-'; }

std::vector<std::string> operands(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (size_t i = 1; i < args.size(); ++i) {
    if (!is_option(args[i])) out.push_back(args[i]);
  }
  return out;
}

bool apt_style(const std::string& manager) { return manager == "apt-get" || manager == "apt"; }

void say_unavailable(const std::string& manager, const std::string& name, std::ostream& err) {
  if (apt_style(manager)) {
    err << "E: Unable to locate package " << name << "\n";
  } else {
    err << "No match for argument: " << name << "\nError: Unable to find a match: " << name
        << "\n(the faultbox image installs offline: httpd, nginx and tools the machine has)\n";
  }
}

int install(const std::string& manager, const std::vector<std::string>& names, const fs::path& root,
            std::ostream& out, std::ostream& err) {
  std::vector<Package> wanted;
  for (const auto& name : names) {
    auto package = find_package(name);
    if (!package) {
      say_unavailable(manager, name, err);
      return apt_style(manager) ? 100 : 1;
    }
    wanted.push_back(*package);
  }
  for (const auto& package : wanted) {
    if (package_installed(package.name, root)) {
      out << "Package " << package.name << " is already installed.\n";
      continue;
    }
    std::error_code ec;
    fs::create_directories(marker(package.name, root).parent_path(), ec);
    std::ofstream(marker(package.name, root)) << package.summary << "\n";
    if (!fs::exists(marker(package.name, root))) {
      err << "Error: cannot record " << package.name << " as installed under " << root << "\n";
      return 1;
    }
    if (!package.unit.empty()) {
      fs::create_directories(root / "var/www/html", ec);
    }
    out << "Installed: " << package.name << " (" << package.summary << ")\n";
  }
  out << (apt_style(manager) ? "Done.\n" : "Complete!\n");
  return 0;
}

int remove(const std::vector<std::string>& names, const fs::path& root, std::ostream& out) {
  for (const auto& name : names) {
    std::error_code ec;
    if (fs::remove(marker(name, root), ec)) {
      out << "Removed: " << name << "\n";
    } else {
      out << "No match for argument: " << name << "\n";
    }
  }
  return 0;
}

int list_installed(const fs::path& root, std::ostream& out) {
  for (const auto& package : catalog()) {
    if (package_installed(package.name, root)) out << package.name << "\n";
  }
  return 0;
}

}  // namespace

std::optional<Package> find_package(const std::string& name) {
  for (const auto& package : catalog()) {
    if (package.name == name && (package.tool.empty() || !find_on_path(package.tool).empty())) {
      return package;
    }
  }
  return std::nullopt;
}

bool package_installed(const std::string& name, const fs::path& root) {
  auto package = find_package(name);
  if (package && !package->tool.empty()) {
    return true;  // tools the machine has are part of the image from the start
  }
  return fs::exists(marker(name, root));
}

int run_package_manager(const std::string& manager, const std::vector<std::string>& args,
                        const fs::path& root, std::ostream& out, std::ostream& err) {
  const std::string command = args.empty() ? "" : args.front();
  if (command == "install") {
    auto names = operands(args);
    if (names.empty()) {
      err << "Error: need to pass a list of packages to install\n";
      return 1;
    }
    return install(manager, names, root, out, err);
  }
  if (command == "remove" || command == "erase" || command == "purge") {
    return remove(operands(args), root, out);
  }
  if (command == "list" && operands(args) == std::vector<std::string>{"installed"}) {
    return list_installed(root, out);
  }
  if (command == "update" || command == "upgrade" || command == "makecache" || command == "clean" ||
      command == "check-update" || command == "dist-upgrade") {
    out << (apt_style(manager) ? "Reading package lists... Done\n"
                               : "Dependencies resolved.\nNothing to do.\nComplete!\n");
    return 0;
  }
  err << manager << ": the faultbox image's package manager knows install, remove, "
      << "list installed, update, upgrade, makecache, clean (not \"" << command << "\")\n";
  return 1;
}

bool install_packages(const std::vector<std::string>& names, const fs::path& root,
                      std::ostream& out, std::ostream& err) {
  return names.empty() || install("dnf", names, root, out, err) == 0;
}

}  // namespace faultbox::image
