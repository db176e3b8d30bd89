#include "cli/lab_connection.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "core/json_text.h"
#include "lab/lab_lock.h"
#include "lab/request_guard.h"
#include "net/http_client.h"

namespace faultbox::cli {

namespace {
// How long one call may wait for the lab's answer (an apply of many instances on a busy box).
constexpr auto kCallLimit = std::chrono::minutes(10);
}  // namespace

void fail(const Error& e) {
  std::cerr << "error: " << e.code << ": " << e.message << "\n";
  throw CommandFailed{1};
}

Result<nlohmann::json> call_lab(const lab::LabFile& lab, const std::string& method,
                                const std::string& path, const nlohmann::json& body) {
  net::HttpCall call;
  call.method = method;
  call.url = lab.base_url() + path;
  call.timeout = kCallLimit;
  // A busy machine (or a lab stopped by a debugger) answers late: the command waits, and says so.
  call.slow_after = std::chrono::seconds(3);
  call.on_slow = [&lab] {
    std::cerr << "The lab (pid " << lab.pid << ", " << lab.base_url()
              << ") is slow to answer; waiting up to " << kCallLimit.count() << " min...\n";
  };
  call.headers[lab::kTokenHeader] = lab.token;
  if (!body.is_null()) {
    call.body = json_text(body);
    call.headers["content-type"] = "application/json";
  }
  auto answered = net::http_call(call);
  if (!answered) {
    return Error{answered.error().code,
                 answered.error().message + " (the lab of pid " + std::to_string(lab.pid) + ")",
                 answered.error().http_status};
  }
  auto& response = *answered;
  auto parsed = nlohmann::json::parse(response.body, nullptr, false);
  if (response.status / 100 != 2) {
    if (parsed.is_object() && parsed.contains("__type")) {
      return Error{parsed.value("__type", ""), parsed.value("message", ""), response.status};
    }
    return errors::internal("lab answered HTTP " + std::to_string(response.status) + ": " +
                            response.body);
  }
  if (parsed.is_discarded()) {
    return errors::internal("lab answered with invalid JSON: " + response.body.substr(0, 200));
  }
  // Spelled out: a json converts to almost anything, so the implicit conversion is ambiguous.
  return Result<nlohmann::json>(boost::system::in_place_value, std::move(parsed));
}

std::optional<lab::LabFile> find_running_lab(const std::string& data_dir) {
  auto holder = lab::lab_lock_holder(data_dir);
  if (!holder) {
    return std::nullopt;
  }
  auto file = lab::read_lab_file(data_dir);
  if (!file || file->pid != *holder) {
    return std::nullopt;  // the holder is still starting: lab.json is written once it listens
  }
  return file;
}

namespace {
std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : fallback;
}

// Starts `faultbox serve` detached from this terminal, its output in <data dir>/lab.log.
Result<int> spawn_lab(const GlobalOptions& global) {
  std::filesystem::create_directories(global.data_dir);
  auto log = (std::filesystem::path(global.data_dir) / "lab.log").string();
  auto port = env_or("FAULTBOX_PORT", "4566");
  auto speed = env_or("FAULTBOX_SPEED", "1");
  pid_t pid = ::fork();
  if (pid < 0) {
    return errors::internal("cannot fork to start the lab");
  }
  if (pid == 0) {
    ::setsid();
    int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    int null_fd = ::open("/dev/null", O_RDONLY);
    ::dup2(null_fd, 0);
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    const char* argv[] = {global.self_path.c_str(),
                          "--data-dir",
                          global.data_dir.c_str(),
                          "serve",
                          "--port",
                          port.c_str(),
                          "--speed",
                          speed.c_str(),
                          nullptr};
    ::execv(global.self_path.c_str(), const_cast<char* const*>(argv));
    ::_exit(127);
  }
  return static_cast<int>(pid);
}

// The last line the lab logged: why it exited at start, in the error itself.
std::string last_log_line(const std::string& data_dir) {
  std::ifstream in(std::filesystem::path(data_dir) / "lab.log");
  std::string line;
  std::string last;
  while (std::getline(in, line)) {
    if (!line.empty()) {
      last = line;
    }
  }
  return last;
}

// A lab asked for on one port must not be answered by the lab of this directory on another.
Result<lab::LabFile> on_the_asked_port(const lab::LabFile& lab, const GlobalOptions& global) {
  auto asked = env_or("FAULTBOX_PORT", "");
  if (!asked.empty() && asked != std::to_string(lab.port)) {
    return errors::conflict("FAULTBOX_PORT=" + asked + " asks for a lab on port " + asked +
                            ", but the lab of " + global.data_dir + " runs at " + lab.base_url() +
                            " (pid " + std::to_string(lab.pid) +
                            "); unset FAULTBOX_PORT to use it, or give the other lab its own "
                            "--data-dir");
  }
  return lab;
}

// How long a lab that holds the directory may take to listen (restoring a large lab on a busy
// machine) before the command gives up on it.
constexpr auto kStartLimit = std::chrono::seconds(60);
}  // namespace

Result<lab::LabFile> ensure_lab(const GlobalOptions& global) {
  FAULTBOX_TRY(lab, reach_lab(global, true));
  if (!lab) {
    return errors::unavailable("no lab runs in " + global.data_dir);  // reach_lab starts one
  }
  return std::move(*lab);
}

std::optional<lab::LabFile> wait_for_running_lab(const GlobalOptions& global) {
  auto lab = reach_lab(global, false);
  if (!lab) {
    fail(lab.error());
  }
  return *lab;
}

Result<std::optional<lab::LabFile>> reach_lab(const GlobalOptions& global, bool may_start) {
  std::optional<int> spawned;  // the lab this command started, if it started one
  bool reaped = false;
  bool said_waiting = false;
  auto deadline = std::chrono::steady_clock::now() + kStartLimit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (auto running = find_running_lab(global.data_dir)) {
      if (spawned && running->pid == *spawned) {
        std::cerr << "Started a lab in the background: " << running->base_url() << " (pid "
                  << running->pid << ", log " << global.data_dir << "/lab.log)\n";
      }
      FAULTBOX_TRY(lab, on_the_asked_port(*running, global));
      return std::optional<lab::LabFile>(std::move(lab));
    }
    auto holder = lab::lab_lock_holder(global.data_dir);
    if (!holder && !may_start) {
      return std::optional<lab::LabFile>();
    }
    if (!holder && !spawned) {
      lab::remove_lab_file(global.data_dir);  // left by a lab that ended without cleaning up
      FAULTBOX_TRY(pid, spawn_lab(global));
      spawned = pid;
    }
    if (holder && !said_waiting && (!spawned || *holder != *spawned)) {
      std::cerr << "Waiting for the lab of " << global.data_dir << " (pid " << *holder
                << ") to finish starting...\n";
      said_waiting = true;
    }
    int status = 0;
    if (spawned && !reaped && ::waitpid(*spawned, &status, WNOHANG) == *spawned) {
      // Ours ended: fine when another command's lab won the directory, else a failure.
      if (!lab::lab_lock_holder(global.data_dir)) {
        return errors::unavailable("the lab exited at start: " + last_log_line(global.data_dir) +
                                   " (log: " + global.data_dir + "/lab.log)");
      }
      reaped = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  auto holder = lab::lab_lock_holder(global.data_dir);
  return errors::unavailable(
      holder ? "the lab of " + global.data_dir + " (pid " + std::to_string(*holder) +
                   ") has not finished starting after " + std::to_string(kStartLimit.count()) +
                   " s; see " + global.data_dir + "/lab.log, or stop it with `faultbox down`"
             : "no lab started in " + global.data_dir + " within " +
                   std::to_string(kStartLimit.count()) + " s; see " + global.data_dir + "/lab.log");
}

nlohmann::json lab_request(const GlobalOptions& global, const std::string& method,
                           const std::string& path, const nlohmann::json& body) {
  auto lab = ensure_lab(global);
  if (!lab) {
    fail(lab.error());
  }
  auto sep = path.find('?') == std::string::npos ? "?" : "&";
  auto full = global.region.empty() ? path : path + sep + "region=" + global.region;
  auto answer = call_lab(*lab, method, full, body);
  if (!answer) {
    fail(answer.error());
  }
  return *answer;
}

}  // namespace faultbox::cli
