// `faultbox workshop`: the README's main job. The workshop step (../seed/step03.md) end to end on
// a lab of its own: build the service, see it rotate over three AZs, create the template
// (COUNT(2)), run it with traffic flowing (completes, service available), update it to ALL, run it
// again (the alarm stops it), watch the group bring the service back, write both reports, clean
// up. No prompts; progress is printed as it goes.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "cli/embedded_files.h"
#include "cli/experiment_watch.h"
#include "cli/lab_connection.h"
#include "cli/report_files.h"
#include "cli/stack_client.h"
#include "core/absolute_path.h"
#include "net/http_client.h"
#include "traffic/traffic_loop.h"

namespace faultbox::cli {

namespace {
namespace fs = std::filesystem;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

struct WorkshopArgs {
  double speed = 10;
  std::string reports = "faultbox-reports";
  std::string dir;  // where the stacks are written; a temporary directory when empty
  bool keep = false;
};

void section(const std::string& title) { std::cout << "\n==> " << title << std::endl; }

void write_workshop_files(const fs::path& into) {
  for (const auto& f : embedded_workshop_files()) {
    auto path = into / f.path;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << f.content;
  }
}

std::string embedded(const std::string& path) {
  for (const auto& f : embedded_workshop_files()) {
    if (f.path == path) {
      return std::string(f.content);
    }
  }
  fail(errors::internal("the binary has no embedded " + path));
}

int in_service(const GlobalOptions& global) {
  int n = 0;
  for (const auto& lb : lab_request(global, "GET", "/_faultbox/lbs")) {
    for (const auto& h : lb["InstanceHealth"]) {
      n += h.value("State", "") == "InService";
    }
  }
  return n;
}

// Waits (wall clock) until `want` instances are InService; returns how long it took.
std::chrono::milliseconds wait_in_service(const GlobalOptions& global, int want,
                                          std::chrono::seconds limit) {
  auto start = Clock::now();
  while (in_service(global) < want) {
    if (Clock::now() - start > limit) {
      fail(errors::unavailable("the service did not get " + std::to_string(want) +
                               " instances InService within " + std::to_string(limit.count()) +
                               " s; see `faultbox lbs`"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

// "Server step03-funky (i-0abc...)" from the instance page, or what came back instead.
std::string server_line(const std::string& page) {
  auto at = page.find("Server ");
  if (at == std::string::npos) {
    return "(no instance page: " + page.substr(0, 60) + ")";
  }
  auto end = page.find('<', at);
  return page.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

// Runs the workshop's traffic loop in the background until stopped.
class BackgroundTraffic {
 public:
  BackgroundTraffic(const std::string& url, double speed) {
    traffic::TrafficOptions options;
    options.url = url;
    options.interval = std::chrono::milliseconds(std::max(1L, static_cast<long>(500 / speed)));
    options.timeout = std::chrono::seconds(2);
    thread_ =
        std::thread([this, options] { stats_ = traffic::run_traffic(options, stop_, [](int) {}); });
  }
  ~BackgroundTraffic() { finish(); }
  const traffic::TrafficStats& finish() {
    stop_ = true;
    if (thread_.joinable()) {
      thread_.join();
    }
    return stats_;
  }

 private:
  std::atomic<bool> stop_{false};
  traffic::TrafficStats stats_;
  std::thread thread_;
};

std::string run_experiment(const GlobalOptions& global, const std::string& template_id) {
  auto started = lab_request(global, "POST", "/_faultbox/experiments",
                             {{"experimentTemplateId", template_id}})["experiment"];
  auto id = started.value("id", "");
  std::cout << "Started experiment " << id << std::endl;
  auto status = watch_experiment(global, id);
  return id + " " + status;
}

void write_report(const GlobalOptions& global, const std::string& id, const fs::path& dir) {
  auto written = write_experiment_report(global, id, dir);
  std::cout << "  " << fs::absolute(written.html).lexically_normal().string() << " (and .json)\n";
}

void run_workshop(GlobalOptions global, const WorkshopArgs& args) {
  auto wall_start = Clock::now();
  fs::path work = args.dir.empty() ? fs::temp_directory_path() /
                                         ("faultbox-workshop-" + std::to_string(::getpid()))
                                   : fs::path(args.dir);
  fs::create_directories(work);
  write_workshop_files(work);
  // A lab of its own, so the user's default lab (and its resources) are left alone.
  global.data_dir = absolute_path(work / ".faultbox");
  ::setenv("FAULTBOX_SPEED", std::to_string(args.speed).c_str(), 1);
  StackArgs stack;
  stack.chdir = (work / "step03").string();
  stack.var_files = {"../common/common.tfvars"};
  stack.auto_approve = true;
  bool destroyed = false;
  auto cleanup = [&] {
    if (!destroyed) {
      stack_call(global, "destroy", stack_request(stack));
      destroyed = true;
    }
    stop_lab(global);
    if (!args.keep && args.dir.empty()) {
      std::error_code ignored;
      fs::remove_all(work, ignored);
    }
  };
  try {
    section("Building our infrastructure (lab speed " + std::to_string(int(args.speed)) +
            "x: the template's PT3M wait takes " + std::to_string(int(180 / args.speed)) + " s)");
    std::cout << stack_call(global, "apply", stack_request(stack)).value("text", "");
    auto outputs = stack_call(global, "output", stack_request(stack));
    auto url = outputs["outputs"]["elb_url"].value("value", "");
    wait_in_service(global, 3, std::chrono::seconds(60));

    section("Opening " + url + " and refreshing: the instance changes");
    for (int i = 0; i < 6; ++i) {
      net::HttpCall get;
      get.url = url + "/";
      get.timeout = std::chrono::seconds(5);
      auto page = net::http_call(get);
      std::cout << "  " << (page ? server_line(page->body) : page.error().message) << "\n";
    }

    section("Creating the experiment template: stop 2 instances, wait PT3M, stop again; the "
            "alarm is its stop condition");
    auto template_json = json::parse(embedded("step03/templates/stop-two-instances.json"));
    auto created = lab_request(global, "POST", "/_faultbox/templates", template_json);
    auto template_id = created["experimentTemplate"].value("id", "");
    std::cout << "Created " << template_id << "\n";

    section("Traffic: the workshop's loop (one request every 0.5 s of lab time) runs from now on");
    BackgroundTraffic traffic(url, args.speed);

    section("Run 1: two of three servers die; the service should survive");
    auto run1 = run_experiment(global, template_id);
    auto run1_id = run1.substr(0, run1.find(' '));
    bool run1_ok = run1.ends_with(" completed");
    auto back1 = wait_in_service(global, 3, std::chrono::seconds(120));
    std::cout << "All 3 instances InService again " << back1.count() << " ms (wall) later.\n";

    section("Run 2: the template now targets ALL instances; the alarm should stop it");
    auto current = lab_request(global, "GET", "/_faultbox/templates/" + template_id);
    auto targets = current["experimentTemplate"]["targets"];
    for (auto& [name, target] : targets.items()) {
      target["selectionMode"] = "ALL";
    }
    lab_request(global, "PATCH", "/_faultbox/templates/" + template_id, {{"targets", targets}});
    std::cout << "Updated " << template_id << ": selection mode ALL\n";
    auto run2 = run_experiment(global, template_id);
    auto run2_id = run2.substr(0, run2.find(' '));
    bool run2_ok = run2.ends_with(" stopped");

    section("The group brings the service back");
    auto back2 = wait_in_service(global, 3, std::chrono::seconds(120));
    std::cout << "All 3 instances InService again " << back2.count() << " ms (wall) later.\n";
    std::cout << "Traffic client: " << traffic.finish().summary() << "\n";

    section("Reports");
    write_report(global, run1_id, args.reports);
    write_report(global, run2_id, args.reports);

    section("Cleaning up");
    std::cout << stack_call(global, "destroy", stack_request(stack)).value("text", "");
    destroyed = true;
    cleanup();
    auto took = std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - wall_start);
    std::cout << "\nRun 1 "
              << (run1_ok ? "completed, as the workshop expects"
                          : "did NOT complete (" + run1 + ")")
              << "; run 2 "
              << (run2_ok ? "was stopped by its stop condition, as the workshop expects"
                          : "was NOT stopped by the alarm (" + run2 + ")")
              << ". Took " << took.count() << " s.\n";
    if (!run1_ok || !run2_ok) {
      throw CommandFailed{1};
    }
  } catch (...) {
    cleanup();
    throw;
  }
}
}  // namespace

void add_workshop_command(CLI::App& app, GlobalOptions& global) {
  auto args = std::make_shared<WorkshopArgs>();
  auto* cmd = app.add_subcommand(
      "workshop", "Run the workshop step end to end on a lab of its own: apply step03, traffic, "
                  "the experiment with COUNT(2) (completes), then ALL (the alarm stops it), "
                  "reports, clean-up");
  cmd->add_option("--speed", args->speed, "Lab speed (durations divided by it)")
      ->check(CLI::Range(1.0, 60.0))
      ->capture_default_str();
  cmd->add_option("--reports", args->reports, "Where the two reports are written")
      ->capture_default_str();
  cmd->add_option("--dir", args->dir, "Write the workshop's stacks here (default: a temp dir)");
  cmd->add_flag("--keep", args->keep, "Keep the temporary directory (stacks, lab log)");
  cmd->callback([&global, args] { run_workshop(global, *args); });
}

}  // namespace faultbox::cli
