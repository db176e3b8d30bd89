// `faultbox workshop`: the README's main job. Each step of the workshop end to end on a lab of its
// own, as its README tells it: step01 (one server stopped and started again), step02 (the group
// replaces the stopped server), step03 (the seed, ../seed/step03.md: the rotating page, the
// template with COUNT(2) run with traffic flowing, then ALL stopped by the alarm, the group
// bringing the service back, both reports) and step04 (the Lambda function timed out by the
// add-delay experiment). On faultbox's own stacks (built into the binary), or with --repo on the
// user's clone of the workshop's repository (whose init step is applied first). No prompts;
// progress is printed as it goes; everything applied is destroyed at the end.
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/embedded_files.h"
#include "cli/lab_connection.h"
#include "cli/report_files.h"
#include "cli/workshop_kit.h"
#include "core/absolute_path.h"

namespace faultbox::cli {

namespace {
namespace fs = std::filesystem;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

struct WorkshopArgs {
  double speed = 10;
  std::string reports = "faultbox-reports";
  std::string dir;   // where faultbox's stacks are written; a temporary directory when empty
  std::string repo;  // the user's clone of the workshop's repository, when given
  std::string step = "all";
  bool keep = false;
};

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

void write_report(const GlobalOptions& global, const std::string& id, const fs::path& dir) {
  auto written = write_experiment_report(global, id, dir);
  std::cout << "  " << fs::absolute(written.html).lexically_normal().string() << " (and .json)\n";
}

// Step 03's template: faultbox's own (step03/templates), made the user's on their repository
// (their panda name, the init step's role).
json step03_template(const WorkshopRun& run) {
  auto t = json::parse(embedded("step03/templates/stop-two-instances.json"));
  for (auto& [name, target] : t["targets"].items()) {
    target["resourceTags"]["Panda"] = run.panda;
  }
  t["description"] = "Stop step03 EC2 instances (" + run.panda + ")";
  t["roleArn"] = fis_role_arn(run, "step03");
  t["stopConditions"][0]["value"] =
      "arn:aws:cloudwatch:eu-west-2:000000000000:alarm:" + run.panda + "-elb-alarm";
  t["tags"] = {{"Name", run.panda + "-step03"}, {"Panda", run.panda}};
  return t;
}

bool run_step03(const WorkshopRun& run) {
  section("Step 03: three servers in three AZs behind a load balancer (lab speed " +
          std::to_string(int(run.speed)) + "x: the template's PT3M wait takes " +
          std::to_string(int(180 / run.speed)) + " s)");
  auto outputs = apply_step(run, "step03");
  auto url = outputs["elb_url"].value("value", "");
  wait_in_service(run.global, 3, std::chrono::seconds(60));

  section("Opening " + url + " and refreshing: the instance changes");
  for (int i = 0; i < 6; ++i) {
    std::cout << "  " << fetch_server_line(url) << "\n";
  }

  section("Traffic: the workshop's loop (one request every 0.5 s of lab time) runs from now on");
  BackgroundTraffic traffic(url, run.speed);

  section("Run 1: stop 2 instances, wait PT3M, stop again (COUNT(2)); the service should "
          "survive");
  auto body = step03_template(run);
  auto [run1_id, run1] = run_template(run, body);
  auto back1 = wait_in_service(run.global, 3, std::chrono::seconds(120));
  std::cout << "All 3 instances InService again " << back1.count() << " ms (wall) later.\n";

  section("Run 2: the template now targets ALL instances; the alarm should stop it");
  for (auto& [name, target] : body["targets"].items()) {
    target["selectionMode"] = "ALL";
  }
  auto [run2_id, run2] = run_template(run, body);

  section("The group brings the service back");
  auto back2 = wait_in_service(run.global, 3, std::chrono::seconds(120));
  std::cout << "All 3 instances InService again " << back2.count() << " ms (wall) later.\n";
  std::cout << "Traffic client: " << traffic.finish().summary() << "\n";

  section("Reports");
  write_report(run.global, run1_id, run.reports);
  write_report(run.global, run2_id, run.reports);
  destroy_step(run, "step03");
  std::cout << "\nRun 1 "
            << (run1 == "completed" ? "completed, as the workshop expects"
                                    : "did NOT complete (" + run1 + ")")
            << "; run 2 "
            << (run2 == "stopped" ? "was stopped by its stop condition, as the workshop expects"
                                  : "was NOT stopped by the alarm (" + run2 + ")")
            << ".\n";
  return run1 == "completed" && run2 == "stopped";
}

std::vector<std::string> steps_of(const std::string& step) {
  if (step == "all") {
    return {"01", "02", "03", "04"};
  }
  return {step};
}

void run_workshop(GlobalOptions global, const WorkshopArgs& args) {
  auto wall_start = Clock::now();
  fs::path work = args.dir.empty() ? fs::temp_directory_path() /
                                         ("faultbox-workshop-" + std::to_string(::getpid()))
                                   : fs::path(args.dir);
  fs::create_directories(work);
  WorkshopRun run;
  if (args.repo.empty()) {
    write_workshop_files(work);
    run.steps = work;
  } else {
    run.steps = fs::absolute(args.repo) / "steps";
    run.repository = true;
    if (!fs::is_directory(run.steps / "init") || !fs::is_directory(run.steps / "step03")) {
      fail(errors::validation(args.repo +
                              " is not the workshop's repository (no steps/init, steps/step03)"));
    }
  }
  run.panda = panda_name_of(run.steps / "common" / "common.tfvars");
  run.speed = args.speed;
  run.reports = args.reports;
  // A lab of its own, so the user's default lab (and its resources) are left alone.
  run.global = global;
  run.global.data_dir = absolute_path(work / ".faultbox");
  ::setenv("FAULTBOX_SPEED", std::to_string(args.speed).c_str(), 1);
  std::cout << "The workshop on "
            << (run.repository ? "the repository at " : "faultbox's stacks in ")
            << run.steps.string() << ", panda " << run.panda << ", lab speed " << int(args.speed)
            << "x\n";

  auto cleanup = [&] {
    // Whatever a failed step left applied goes with the lab; the init step is destroyed last.
    if (run.repository) {
      try {
        destroy_step(run, "init");
      } catch (...) {
      }
    }
    stop_lab(run.global);
    if (!args.keep && args.dir.empty()) {
      std::error_code ignored;
      fs::remove_all(work, ignored);
    }
  };
  std::vector<std::string> failed;
  try {
    if (run.repository) {
      section("The init step: the network and the FIS role the steps share");
      apply_step(run, "init");
    }
    for (const auto& n : steps_of(args.step)) {
      bool ok = n == "01"   ? run_step01(run)
                : n == "02" ? run_step02(run)
                : n == "03" ? run_step03(run)
                            : run_step04(run);
      if (!ok) {
        failed.push_back("step" + n);
      }
    }
    section("Cleaning up");
    cleanup();
  } catch (...) {
    cleanup();
    throw;
  }
  auto took = std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - wall_start);
  if (failed.empty()) {
    std::cout << "\nEvery step ended as its README says. Took " << took.count() << " s.\n";
    return;
  }
  std::string list;
  for (const auto& f : failed) {
    list += (list.empty() ? "" : ", ") + f;
  }
  std::cout << "\nNot as the README says: " << list << ". Took " << took.count() << " s.\n";
  throw CommandFailed{1};
}
}  // namespace

void add_workshop_command(CLI::App& app, GlobalOptions& global) {
  auto args = std::make_shared<WorkshopArgs>();
  auto* cmd = app.add_subcommand(
      "workshop",
      "Run the workshop's steps end to end on a lab of their own, as their READMEs tell them: "
      "01 (a server stopped and started again), 02 (the group replaces it), 03 (the seed: "
      "COUNT(2) completes, ALL is stopped by the alarm, reports), 04 (a Lambda function timed "
      "out by the add-delay experiment); then clean up");
  cmd->add_option("--step", args->step, "Which step: 01, 02, 03, 04 or all")
      ->check(CLI::IsMember({"01", "02", "03", "04", "all"}))
      ->capture_default_str();
  cmd->add_option("--repo", args->repo,
                  "Your clone of the workshop's repository (its steps/ and common.tfvars); "
                  "default: faultbox's own stacks, built into the binary")
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--speed", args->speed, "Lab speed (durations divided by it)")
      ->check(CLI::Range(1.0, 60.0))
      ->capture_default_str();
  cmd->add_option("--reports", args->reports, "Where step 03's two reports are written")
      ->capture_default_str();
  cmd->add_option("--dir", args->dir,
                  "Write faultbox's stacks (and the lab's data) here (default: a temp dir)");
  cmd->add_flag("--keep", args->keep, "Keep the temporary directory (stacks, lab log)");
  set_examples(cmd, {"faultbox workshop", "faultbox workshop --step 03 --speed 10 --keep",
                     "faultbox workshop --repo ~/aws-resilience-workshop --step all"});
  cmd->callback([&global, args] { run_workshop(global, *args); });
}

}  // namespace faultbox::cli
