#include "cli/lab_connection.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

#include "net/http_client.h"

namespace faultbox::cli {

void fail(const Error& e) {
  std::cerr << "error: " << e.code << ": " << e.message << "\n";
  throw CommandFailed{1};
}

Result<nlohmann::json> call_lab(const lab::LabFile& lab, const std::string& method,
                                const std::string& path, const nlohmann::json& body) {
  net::HttpCall call;
  call.method = method;
  call.url = lab.base_url() + path;
  call.timeout = std::chrono::minutes(10);
  if (!body.is_null()) {
    call.body = body.dump();
    call.headers["content-type"] = "application/json";
  }
  FAULTBOX_TRY(response, net::http_call(call));
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
  auto file = lab::read_lab_file(data_dir);
  if (!file) {
    return std::nullopt;
  }
  net::HttpCall ping{.url = file->base_url() + "/_faultbox/health",
                     .timeout = std::chrono::seconds(2)};
  auto answer = net::http_call(ping);
  if (!answer || answer->status != 200) {
    return std::nullopt;
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
    const char* argv[] = {global.self_path.c_str(), "--data-dir", global.data_dir.c_str(),
                          "serve",  "--port",     port.c_str(),
                          "--speed", speed.c_str(), nullptr};
    ::execv(global.self_path.c_str(), const_cast<char* const*>(argv));
    ::_exit(127);
  }
  return static_cast<int>(pid);
}
}  // namespace

Result<lab::LabFile> ensure_lab(const GlobalOptions& global) {
  if (auto running = find_running_lab(global.data_dir)) {
    return *running;
  }
  lab::remove_lab_file(global.data_dir);
  FAULTBOX_TRY(pid, spawn_lab(global));
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    if (auto running = find_running_lab(global.data_dir)) {
      std::cerr << "Started a lab in the background: " << running->base_url() << " (pid "
                << running->pid << ", log " << global.data_dir << "/lab.log)\n";
      return *running;
    }
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      return errors::unavailable("the lab exited at start; see " + global.data_dir + "/lab.log");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return errors::unavailable("the lab did not answer within 20 s; see " + global.data_dir +
                             "/lab.log");
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
