#include "cli/workshop_kit.h"

#include <fstream>
#include <iostream>
#include <regex>

#include "cli/experiment_watch.h"
#include "cli/lab_connection.h"
#include "net/http_client.h"
#include "traffic/traffic_loop.h"

namespace faultbox::cli {

namespace fs = std::filesystem;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

void section(const std::string& title) { std::cout << "\n==> " << title << std::endl; }

std::string panda_name_of(const fs::path& tfvars) {
  std::ifstream in(tfvars);
  std::string line;
  static const std::regex kPanda(R"(^\s*panda_name\s*=\s*"([^"]*)\")");
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_search(line, m, kPanda)) {
      return m[1];
    }
  }
  return "funky";
}

StackArgs step_stack(const WorkshopRun& run, const std::string& step) {
  StackArgs stack;
  stack.chdir = (run.steps / step).string();
  stack.var_files = {"../common/common.tfvars"};
  stack.auto_approve = true;
  return stack;
}

json apply_step(const WorkshopRun& run, const std::string& step) {
  auto stack = step_stack(run, step);
  std::cout << stack_call(run.global, "apply", stack_request(stack)).value("text", "");
  return stack_call(run.global, "output", stack_request(stack))["outputs"];
}

void destroy_step(const WorkshopRun& run, const std::string& step) {
  std::cout
      << stack_call(run.global, "destroy", stack_request(step_stack(run, step))).value("text", "");
}

std::string fis_role_arn(const WorkshopRun& run, const std::string& step) {
  std::string name;
  if (run.repository) {
    name = step == "step04" ? run.panda + "_step04_fis_iam_role" : run.panda + "_fis_iam_role";
  } else {
    name = step == "step04" ? run.panda + "-step04-fis-role" : run.panda + "-fis-role";
  }
  auto roles = lab_request(run.global, "GET", "/_faultbox/roles");  // kept: the loop reads into it
  for (const auto& role : roles["Roles"]) {
    if (role.value("RoleName", "") == name) {
      return role.value("Arn", "");
    }
  }
  fail(errors::not_found("the workshop's FIS role " + name + " is not in the lab"));
}

std::pair<std::string, std::string> run_template(const WorkshopRun& run,
                                                 const json& template_body) {
  auto created = lab_request(run.global, "POST", "/_faultbox/templates", template_body);
  auto template_id = created["experimentTemplate"].value("id", "");
  std::cout << "Created experiment template " << template_id << "\n";
  auto started = lab_request(run.global, "POST", "/_faultbox/experiments",
                             {{"experimentTemplateId", template_id}})["experiment"];
  auto id = started.value("id", "");
  std::cout << "Started experiment " << id << std::endl;
  return {id, watch_experiment(run.global, id)};
}

std::string fetch_server_line(const std::string& url) {
  net::HttpCall get;
  get.url = url + "/";
  get.timeout = std::chrono::seconds(2);
  auto page = net::http_call(get);
  if (!page) {
    return "(no answer: " + page.error().message + ")";
  }
  auto at = page->body.find("Server ");
  if (page->status != 200 || at == std::string::npos) {
    return "(HTTP " + std::to_string(page->status) + ", no instance page)";
  }
  auto end = page->body.find('<', at);
  return page->body.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

std::chrono::milliseconds wait_in_service(const GlobalOptions& global, int want,
                                          std::chrono::seconds limit) {
  auto in_service = [&] {
    int n = 0;
    for (const auto& lb : lab_request(global, "GET", "/_faultbox/lbs")) {
      for (const auto& h : lb["InstanceHealth"]) {
        n += h.value("State", "") == "InService";
      }
    }
    return n;
  };
  auto start = Clock::now();
  while (in_service() < want) {
    if (Clock::now() - start > limit) {
      fail(errors::unavailable("the service did not get " + std::to_string(want) +
                               " instances InService within " + std::to_string(limit.count()) +
                               " s; see `faultbox lbs`"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

BackgroundTraffic::BackgroundTraffic(const std::string& url, double speed) {
  traffic::TrafficOptions options;
  options.url = url;
  options.interval = std::chrono::milliseconds(std::max(1L, static_cast<long>(500 / speed)));
  options.timeout = std::chrono::seconds(2);
  thread_ =
      std::thread([this, options] { stats_ = traffic::run_traffic(options, stop_, [](int) {}); });
}

BackgroundTraffic::~BackgroundTraffic() { finish(); }

const traffic::TrafficStats& BackgroundTraffic::finish() {
  stop_ = true;
  if (thread_.joinable()) {
    thread_.join();
  }
  return stats_;
}

}  // namespace faultbox::cli
