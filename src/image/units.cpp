// Units as processes: started with posix_spawn, tracked by pid file, stopped with SIGTERM.
#include "image/units.h"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "image/packages.h"

extern char** environ;

namespace faultbox::image {

namespace {

namespace fs = std::filesystem;
constexpr auto kStartupGrace = std::chrono::milliseconds(300);
constexpr auto kStopTimeout = std::chrono::seconds(5);

std::string unit_name(std::string name) {
  const std::string suffix = ".service";
  if (name.size() > suffix.size() &&
      name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
    name.resize(name.size() - suffix.size());
  }
  return name;
}

fs::path pid_file(const std::string& unit, const ImageContext& image) {
  return image.root / "run/faultbox-units" / (unit + ".pid");
}

fs::path wants_file(const std::string& unit, const ImageContext& image) {
  return image.root / "etc/systemd/system/multi-user.target.wants" / (unit + ".service");
}

fs::path unit_file(const std::string& unit, const ImageContext& image) {
  return image.root / "etc/systemd/system" / (unit + ".service");
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  const auto e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// The [Service] section of a unit file: ExecStart, WorkingDirectory, Environment.
Result<Unit> read_unit_file(const std::string& name, const fs::path& path) {
  std::ifstream in(path);
  Unit unit{name, {}, {}, {}};
  std::string line, section;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    line = trim(line);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line.front() == '[') {
      section = line;
      continue;
    }
    const auto eq = line.find('=');
    if (section != "[Service]" || eq == std::string::npos) continue;
    const auto key = trim(line.substr(0, eq));
    auto value = trim(line.substr(eq + 1));
    if (key == "ExecStart") {
      if (!value.empty() && (value[0] == '-' || value[0] == '@')) value.erase(0, 1);
      unit.argv = {"/bin/sh", "-c", "exec " + value};
    } else if (key == "WorkingDirectory") {
      unit.working_dir = value;
    } else if (key == "Environment") {
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
      }
      const auto assign = value.find('=');
      if (assign != std::string::npos) unit.env[value.substr(0, assign)] = value.substr(assign + 1);
    }
  }
  if (unit.argv.empty()) {
    return errors::validation(path.string() + ": no ExecStart= in [Service]");
  }
  return unit;
}

std::optional<pid_t> running_pid(const std::string& unit, const ImageContext& image) {
  std::ifstream in(pid_file(unit, image));
  pid_t pid = 0;
  if (!(in >> pid) || pid <= 0) return std::nullopt;
  // A zombie still answers kill(0); reap it if it is our child, then ask again.
  ::waitpid(pid, nullptr, WNOHANG);
  if (::kill(pid, 0) != 0) return std::nullopt;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string skip, state;
  if (stat >> skip >> skip >> state && state == "Z") return std::nullopt;
  return pid;
}

int start(const std::string& name, const ImageContext& image, std::ostream& out,
          std::ostream& err) {
  auto unit = find_unit(name, image);
  if (!unit) {
    err << "Failed to start " << name << ".service: Unit " << name << ".service not found.\n";
    return 5;
  }
  if (running_pid(unit->name, image)) return 0;
  std::vector<std::string> env_strings;
  std::set<std::string> overridden;
  for (const auto& [k, v] : unit->env) {
    env_strings.push_back(k + "=" + v);
    overridden.insert(k);
  }
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry(*e);
    if (!overridden.count(entry.substr(0, entry.find('=')))) env_strings.push_back(entry);
  }
  std::vector<char*> argv, envp;
  for (auto& a : unit->argv) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (!unit->working_dir.empty()) {
    posix_spawn_file_actions_addchdir_np(&actions, unit->working_dir.c_str());
  }
  pid_t pid = 0;
  const int rc = ::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    err << "Failed to start " << unit->name << ".service: " << std::strerror(rc) << "\n";
    return 1;
  }
  // A server that cannot bind exits at once: say so now, as systemd does for a failed start.
  std::this_thread::sleep_for(kStartupGrace);
  int status = 0;
  if (::waitpid(pid, &status, WNOHANG) == pid) {
    err << "Job for " << unit->name << ".service failed: the process exited with status "
        << (WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status))
        << " (see the console log above).\n";
    return 1;
  }
  std::error_code ec;
  fs::create_directories(pid_file(unit->name, image).parent_path(), ec);
  std::ofstream(pid_file(unit->name, image)) << pid << "\n";
  out << "Started " << unit->name << ".service.\n";
  return 0;
}

int stop(const std::string& name, const ImageContext& image, std::ostream& out) {
  const auto unit = unit_name(name);
  if (auto pid = running_pid(unit, image)) {
    ::kill(*pid, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + kStopTimeout;
    while (running_pid(unit, image) && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (running_pid(unit, image)) ::kill(*pid, SIGKILL);
    out << "Stopped " << unit << ".service.\n";
  }
  std::error_code ec;
  fs::remove(pid_file(unit, image), ec);
  return 0;
}

int enable(const std::string& name, const ImageContext& image, std::ostream& out,
           std::ostream& err) {
  auto unit = find_unit(name, image);
  if (!unit) {
    err << "Failed to enable unit: Unit file " << unit_name(name) << ".service does not exist.\n";
    return 1;
  }
  if (auto enabled = enable_unit(unit->name, image); !enabled) {
    err << "Failed to enable unit: " << enabled.error().message << "\n";
    return 1;
  }
  out << "Created symlink /etc/systemd/system/multi-user.target.wants/" << unit->name
      << ".service.\n";
  return 0;
}

int status(const std::string& name, const ImageContext& image, std::ostream& out, bool quiet) {
  const auto unit = unit_name(name);
  auto pid = running_pid(unit, image);
  if (!quiet) {
    out << "● " << unit << ".service\n     Active: "
        << (pid ? "active (running) since boot, Main PID " + std::to_string(*pid)
                : "inactive (dead)")
        << "\n";
  } else {
    out << (pid ? "active" : "inactive") << "\n";
  }
  return pid ? 0 : 3;
}

}  // namespace

Result<void> enable_unit(const std::string& unit, const ImageContext& image) {
  const auto file = wants_file(unit, image);
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  std::ofstream out(file);
  out << unit << "\n";
  if (!out) return errors::internal("cannot write " + file.string());
  return {};
}

Result<Unit> find_unit(const std::string& raw_name, const ImageContext& image) {
  const auto name = unit_name(raw_name);
  if (fs::exists(unit_file(name, image))) {
    return read_unit_file(name, unit_file(name, image));
  }
  if (auto package = find_package(name);
      package && package->unit == name && package_installed(name, image.root)) {
    // Named as the server it stands for, so that `killall httpd` finds it.
    return Unit{name,
                {image.faultbox_binary, "instance-web", "--root",
                 (image.root / "var/www/html").string(), "--process-name", name},
                {},
                {}};
  }
  if (name == kSsmAgentUnit) {
    return Unit{name, {image.faultbox_binary, "ssm-agent"}, {}, {}};
  }
  return errors::not_found("Unit " + name + ".service not found");
}

int run_systemctl(const std::vector<std::string>& raw_args, const ImageContext& image,
                  std::ostream& out, std::ostream& err) {
  std::vector<std::string> units;
  bool now = false, quiet = false;
  for (size_t i = 1; i < raw_args.size(); ++i) {
    if (raw_args[i] == "--now")
      now = true;
    else if (raw_args[i] == "-q" || raw_args[i] == "--quiet")
      quiet = true;
    else if (raw_args[i].rfind("-", 0) != 0)
      units.push_back(raw_args[i]);
  }
  const std::string verb = raw_args.empty() ? "" : raw_args.front();
  if (verb == "daemon-reload") return 0;
  if (units.empty()) {
    err << "systemctl " << verb << ": the faultbox image knows start, stop, restart, reload, "
        << "enable [--now], disable [--now], status, is-active, is-enabled, daemon-reload, each "
        << "with a unit name\n";
    return 1;
  }
  int rc = 0;
  for (const auto& unit : units) {
    int one = 0;
    if (verb == "start") {
      one = start(unit, image, out, err);
    } else if (verb == "stop") {
      one = stop(unit, image, out);
    } else if (verb == "restart" || verb == "reload" || verb == "try-restart") {
      stop(unit, image, out);
      one = start(unit, image, out, err);
    } else if (verb == "enable") {
      one = enable(unit, image, out, err);
      if (one == 0 && now) one = start(unit, image, out, err);
    } else if (verb == "disable") {
      std::error_code ec;
      fs::remove(wants_file(unit_name(unit), image), ec);
      if (now) stop(unit, image, out);
    } else if (verb == "status" || verb == "is-active") {
      one = status(unit, image, out, quiet || verb == "is-active");
    } else if (verb == "is-enabled") {
      const bool on = fs::exists(wants_file(unit_name(unit), image));
      if (!quiet) out << (on ? "enabled" : "disabled") << "\n";
      one = on ? 0 : 1;
    } else {
      err << "Unknown command verb " << verb << ".\n";
      return 1;
    }
    rc = rc != 0 ? rc : one;
  }
  return rc;
}

int run_service(const std::vector<std::string>& args, const ImageContext& image, std::ostream& out,
                std::ostream& err) {
  if (args.size() < 2) {
    err << "Usage: service < option > | --status-all | [ service_name [ command | --full-restart ] "
           "]\n";
    return 1;
  }
  return run_systemctl({args[1], args[0]}, image, out, err);
}

bool start_enabled_units(const ImageContext& image, std::ostream& out, std::ostream& err) {
  const auto wants = image.root / "etc/systemd/system/multi-user.target.wants";
  std::error_code ec;
  bool ok = true;
  for (const auto& entry : fs::directory_iterator(wants, ec)) {
    ok = start(unit_name(entry.path().filename().string()), image, out, err) == 0 && ok;
  }
  return ok;
}

}  // namespace faultbox::image
