// The agent's loop: poll, start what is new, signal what is cancelled or overdue, reap and
// report. Reports that the lab did not take are sent again on the next round.
#include "image/ssm_agent.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <csignal>
#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <sstream>
#include <thread>
#include <vector>

#include "core/json_text.h"
#include "core/result.h"
#include "net/http_client.h"

extern char** environ;

namespace faultbox::image {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// What an agent keeps of a command's output (SSM's GetCommandInvocation shows as much).
constexpr std::size_t kOutputLimit = 24'000;
constexpr auto kKillGrace = std::chrono::seconds(5);
constexpr auto kReapEvery = std::chrono::milliseconds(50);

volatile std::sig_atomic_t stop_requested = 0;
extern "C" void request_stop(int) { stop_requested = 1; }

struct Running {
  pid_t pid = 0;
  fs::path dir;
  Clock::time_point deadline;
  std::optional<Clock::time_point> signalled;  // when it was told to stop
  std::string ending;  // "" while it runs normally; "Cancelled" or "TimedOut" once told to stop
};

std::string random_session() {
  std::random_device rd;
  std::ostringstream out;
  out << std::hex << rd() << rd();
  return out.str();
}

std::string read_head(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string text(kOutputLimit, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

// The script in a process group of its own, with default signals (the agent's parent blocks
// some), in `dir` with its stdout and stderr there.
Result<pid_t> start_script(const fs::path& dir, const std::string& script) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  const auto path = dir / "script.sh";
  std::ofstream(path, std::ios::trunc | std::ios::binary) << script;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, (dir / "stdout").c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, (dir / "stderr").c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  // Where the real agent runs them too: its own writable directory for the command.
  posix_spawn_file_actions_addchdir_np(&actions, dir.c_str());
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setflags(&attr,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  std::string shell = "/bin/sh", file = path.string();
  char* argv[] = {shell.data(), file.data(), nullptr};
  pid_t pid = 0;
  const int rc = ::posix_spawn(&pid, argv[0], &actions, &attr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) return errors::internal(std::string("cannot run /bin/sh: ") + std::strerror(rc));
  return pid;
}

class Agent {
 public:
  // A disk fault the instance went down in the middle of (its lab killed, the instance stopped)
  // left its files in fault-files (ssm/documents/fis_document_parts.h): they go at the next
  // boot, as AWS's documents roll back through atd.
  void roll_back_leftover_faults() {
    std::error_code ec;
    const auto removed = fs::remove_all(options_.work_dir / "fault-files", ec);
    if (!ec && removed > 1) {
      log_ << "amazon-ssm-agent: removed " << removed - 1
           << " file(s) of a disk fault that did not end before the instance went down"
           << std::endl;
    }
  }

  Agent(const SsmAgentOptions& options, std::ostream& log)
      : options_(options), log_(log), session_(random_session()) {}

  int run() {
    roll_back_leftover_faults();
    log_ << "amazon-ssm-agent: online (faultbox lab agent, polling " << options_.endpoint << ")"
         << std::endl;
    auto next_poll = Clock::now();
    while (!stop_requested) {
      if (Clock::now() >= next_poll) {
        poll();
        next_poll = Clock::now() + options_.poll_every;
      }
      enforce_deadlines();
      reap();
      send_reports();
      // A command's end is reported at once (its instance may be gone a moment later: a killed
      // web server fails its health checks); the lab is asked for work once a poll interval.
      std::this_thread::sleep_for(running_.empty() && reports_.empty() ? next_poll - Clock::now()
                                                                       : kReapEvery);
    }
    for (auto& [id, r] : running_) ::kill(-r.pid, SIGKILL);
    return 0;
  }

 private:
  void poll() {
    std::string ids;
    for (const auto& [id, r] : running_) ids += (ids.empty() ? "" : ",") + id;
    // POST: taking work changes the lab (its commands go InProgress), so the lab answers once
    // that is saved; a command taken just before a kill -9 of the lab is not handed out again.
    auto answer =
        net::http_call({.method = "POST",
                        .url = options_.endpoint + "/work?session=" + session_ + "&running=" + ids,
                        .timeout = std::chrono::seconds(5)});
    if (!answer || answer->status != 200) {
      if (!lab_away_) {
        log_ << "amazon-ssm-agent: cannot reach the lab ("
             << (answer ? std::to_string(answer->status) : answer.error().message) << "); retrying"
             << std::endl;
      }
      lab_away_ = true;
      return;
    }
    lab_away_ = false;
    auto work = nlohmann::json::parse(answer->body, nullptr, false);
    if (!work.is_object()) return;
    for (const auto& item : work.value("run", nlohmann::json::array())) start(item);
    for (const auto& id : work.value("cancel", nlohmann::json::array())) {
      auto it = running_.find(id.get<std::string>());
      if (it != running_.end() && it->second.ending.empty()) signal(it->second, "Cancelled");
    }
  }

  void start(const nlohmann::json& item) {
    const auto id = item.value("command_id", "");
    if (id.empty() || running_.count(id) != 0) return;  // handed out again after a lab restart
    const auto dir = options_.work_dir / "commands" / id;
    auto pid = start_script(dir, item.value("script", ""));
    if (!pid) {
      reports_.push_back({{"command_id", id},
                          {"status", "Failed"},
                          {"response_code", 127},
                          {"output", ""},
                          {"errors", pid.error().message}});
      return;
    }
    log_ << "amazon-ssm-agent: running " << item.value("document", "") << " command " << id
         << std::endl;
    running_[id] =
        Running{*pid, dir, Clock::now() + std::chrono::seconds(item.value("timeout_seconds", 3600)),
                std::nullopt, ""};
  }

  void signal(Running& r, std::string ending) {
    r.ending = std::move(ending);
    r.signalled = Clock::now();
    ::kill(-r.pid, SIGTERM);
  }

  void enforce_deadlines() {
    const auto now = Clock::now();
    for (auto& [id, r] : running_) {
      if (r.ending.empty() && now >= r.deadline) signal(r, "TimedOut");
      if (r.signalled && now - *r.signalled >= kKillGrace) ::kill(-r.pid, SIGKILL);
    }
  }

  void reap() {
    for (auto it = running_.begin(); it != running_.end();) {
      int status = 0;
      if (::waitpid(it->second.pid, &status, WNOHANG) != it->second.pid) {
        ++it;
        continue;
      }
      ::kill(-it->second.pid, SIGKILL);  // what the script left running in its group
      const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      std::string ending = it->second.ending;
      if (ending.empty()) ending = code == 0 ? "Success" : "Failed";
      reports_.push_back({{"command_id", it->first},
                          {"status", ending},
                          {"response_code", code},
                          {"output", read_head(it->second.dir / "stdout")},
                          {"errors", read_head(it->second.dir / "stderr")}});
      it = running_.erase(it);
    }
  }

  void send_reports() {
    std::vector<nlohmann::json> unsent;
    for (auto& report : reports_) {
      auto answer = net::http_call({.method = "POST",
                                    .url = options_.endpoint + "/report",
                                    .body = json_text(report),
                                    .timeout = std::chrono::seconds(10)});
      // A report the lab refuses (400: it no longer knows the command) is not sent again.
      if (!answer || answer->status >= 500) unsent.push_back(std::move(report));
    }
    reports_ = std::move(unsent);
  }

  const SsmAgentOptions& options_;
  std::ostream& log_;
  std::string session_;
  std::map<std::string, Running> running_;
  std::vector<nlohmann::json> reports_;
  bool lab_away_ = false;
};

}  // namespace

int run_ssm_agent(const SsmAgentOptions& options, std::ostream& log) {
  struct sigaction action {};
  action.sa_handler = request_stop;
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
  sigset_t unblock;
  sigemptyset(&unblock);
  sigaddset(&unblock, SIGTERM);
  sigaddset(&unblock, SIGINT);
  sigprocmask(SIG_UNBLOCK, &unblock, nullptr);
  return Agent(options, log).run();
}

}  // namespace faultbox::image
