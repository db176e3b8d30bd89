// What the steps of `faultbox workshop` share: where the stacks are (faultbox's own, embedded, or
// the user's clone of the workshop's repository, whose names and outputs differ), applying and
// destroying a step, the FIS role a step's templates use, the traffic loop, and running an
// experiment to its end.
#pragma once

#include <atomic>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "cli/commands.h"
#include "cli/stack_client.h"
#include "traffic/traffic_stats.h"

namespace faultbox::cli {

struct WorkshopRun {
  GlobalOptions global;         // its data directory is the workshop's own lab
  std::filesystem::path steps;  // holds step01..step04 and common/
  bool repository = false;      // the workshop's own repository: its names and outputs
  std::string panda;            // from common/common.tfvars
  double speed = 10;
  std::string reports;  // where experiment reports go
};

// "==> title", flushed.
void section(const std::string& title);

// The panda name of `common/common.tfvars` ("funky" when it has none).
std::string panda_name_of(const std::filesystem::path& tfvars);

StackArgs step_stack(const WorkshopRun& run, const std::string& step);
// Applies the step (prints what apply prints) and returns its outputs, by name ({"value": ...}).
nlohmann::json apply_step(const WorkshopRun& run, const std::string& step);
void destroy_step(const WorkshopRun& run, const std::string& step);

// The ARN of the FIS role the READMEs use for `step`: the init step's for steps 01-03 of the
// repository (step04 has its own), the step's own in faultbox's stacks.
std::string fis_role_arn(const WorkshopRun& run, const std::string& step);

// Creates the template and runs an experiment of it to its end with the live view; returns
// the experiment's id and final status.
std::pair<std::string, std::string> run_template(const WorkshopRun& run,
                                                 const nlohmann::json& template_body);

// One GET of `url`: the page's "Server <name> (<id>)" line, or what came back instead.
std::string fetch_server_line(const std::string& url);

// Waits (wall clock) until `want` instances are InService behind the lab's load balancers.
std::chrono::milliseconds wait_in_service(const GlobalOptions& global, int want,
                                          std::chrono::seconds limit);

// The workshop's traffic loop (one request every 0.5 s of lab time) in the background.
class BackgroundTraffic {
 public:
  BackgroundTraffic(const std::string& url, double speed);
  ~BackgroundTraffic();
  BackgroundTraffic(const BackgroundTraffic&) = delete;
  BackgroundTraffic& operator=(const BackgroundTraffic&) = delete;
  const traffic::TrafficStats& finish();

 private:
  std::atomic<bool> stop_{false};
  traffic::TrafficStats stats_;
  std::thread thread_;
};

// The stories of steps 01, 02 and 04 (workshop_steps.cpp); true when the step ended as its
// README says. Step 03's is the seed's, in workshop_command.cpp.
bool run_step01(const WorkshopRun& run);
bool run_step02(const WorkshopRun& run);
bool run_step04(const WorkshopRun& run);

}  // namespace faultbox::cli
