// The stories of the workshop's steps 01, 02 and 04, as their READMEs tell them, on faultbox's own
// stacks or on the user's clone of the workshop's repository: step01 stops the one server and
// starts it again after 2 minutes (the page goes and comes back); step02 stops the group's
// server (the group replaces it); step04 invokes the Lambda function, delays its start past its
// time-out with aws:lambda:invocation-add-delay, and invokes it again after the experiment.
#include <iostream>
#include <thread>

#include "cli/experiment_watch.h"
#include "cli/lab_connection.h"
#include "cli/workshop_kit.h"
#include "core/json_text.h"

namespace faultbox::cli {

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

std::string output_string(const json& outputs, const std::string& name) {
  const auto& v = outputs.contains(name) ? outputs[name]["value"] : json();
  return v.is_string() ? v.get<std::string>() : std::string();
}

// Polls until the page shows `wanted` (or any instance page when empty); false after `limit`.
bool wait_for_page(const std::string& url, const std::string& wanted, std::chrono::seconds limit) {
  auto until = Clock::now() + limit;
  while (Clock::now() < until) {
    auto line = fetch_server_line(url);
    if (line.rfind("Server ", 0) == 0 && line.find(wanted) != std::string::npos) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return false;
}

// An FIS template of one aws:ec2:stop-instances action on `target`, as the READMEs build it.
json stop_ec2_template(const WorkshopRun& run, const std::string& step, const json& target,
                       const json& parameters) {
  return {{"description", "Stop " + step + " EC2 instance"},
          {"targets", {{"Instances-Target-1", target}}},
          {"actions",
           {{"stop-ec2",
             {{"actionId", "aws:ec2:stop-instances"},
              {"parameters", parameters},
              {"targets", {{"Instances", "Instances-Target-1"}}}}}}},
          {"stopConditions", {{{"source", "none"}}}},
          {"roleArn", fis_role_arn(run, step)},
          {"tags", {{"Name", step + "-" + run.panda}}}};
}

void verdict(bool ok, const std::string& step, const std::string& what) {
  std::cout << "\n"
            << step << ": "
            << (ok ? what + ", as the README says." : "NOT as the README says: " + what) << "\n";
}

}  // namespace

bool run_step01(const WorkshopRun& run) {
  section("Step 01: one server; the experiment stops it and starts it again after 2 minutes");
  auto outputs = apply_step(run, "step01");
  std::string url, id;
  if (run.repository) {
    const auto& details = outputs["ec2_details"]["value"];
    url = details.value("instance_ip_url", "");
    id = details.value("instance_id", "");
  } else {
    url = output_string(outputs, "instance_url");
    id = output_string(outputs, "instance_id");
  }
  bool up = wait_for_page(url, id, std::chrono::seconds(60));
  std::cout << "  " << url << ": " << fetch_server_line(url) << "\n";
  std::string arn;
  for (const auto& i : lab_request(run.global, "GET", "/_faultbox/instances")) {
    if (i.value("InstanceId", "") == id) {
      arn = i.value("Arn", "");
    }
  }
  auto body = stop_ec2_template(
      run, "step01",
      {{"resourceType", "aws:ec2:instance"}, {"resourceArns", {arn}}, {"selectionMode", "ALL"}},
      {{"startInstancesAfterDuration", "PT2M"}});
  BackgroundTraffic traffic(url, run.speed);
  auto [experiment, status] = run_template(run, body);
  bool back = wait_for_page(url, id, std::chrono::seconds(60));
  const auto& stats = traffic.finish();
  std::cout << "  after the experiment: " << fetch_server_line(url) << "\n"
            << "Traffic client: " << stats.summary() << "\n";
  destroy_step(run, "step01");
  bool ok = up && status == "completed" && back && stats.failures() > 0;
  verdict(ok, "Step 01", "the server went away while stopped and came back after 2 minutes");
  return ok;
}

bool run_step02(const WorkshopRun& run) {
  section("Step 02: one server in an auto-scaling group behind a load balancer; the experiment "
          "stops it and the group replaces it");
  auto outputs = apply_step(run, "step02");
  auto url = output_string(outputs, "elb_url");
  wait_in_service(run.global, 1, std::chrono::seconds(60));
  auto before = fetch_server_line(url);
  std::cout << "  " << url << ": " << before << "\n";
  auto body = stop_ec2_template(run, "step02",
                                {{"resourceType", "aws:ec2:instance"},
                                 {"resourceTags", {{"Panda", run.panda}, {"Experiment", "step02"}}},
                                 {"selectionMode", "ALL"}},
                                json::object());
  BackgroundTraffic traffic(url, run.speed);
  auto [experiment, status] = run_template(run, body);
  // The group sees its instance unhealthy and launches another; the page shows the new one.
  std::string after;
  auto until = Clock::now() + std::chrono::seconds(120);
  while (Clock::now() < until) {
    after = fetch_server_line(url);
    if (after.rfind("Server ", 0) == 0 && after != before) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  const auto& stats = traffic.finish();
  std::cout << "  after the experiment: " << after << "\n"
            << "Traffic client: " << stats.summary() << "\n";
  destroy_step(run, "step02");
  bool ok = status == "completed" && after.rfind("Server ", 0) == 0 && after != before;
  verdict(ok, "Step 02", "the group replaced the stopped server");
  return ok;
}

bool run_step04(const WorkshopRun& run) {
  section("Step 04: a Lambda function; the experiment delays its start past its 30 s time-out");
  auto outputs = apply_step(run, "step04");
  auto name = output_string(outputs, "lambda_name");
  std::string region, arn;
  auto regions = lab_request(run.global, "GET", "/_faultbox/regions");
  for (const auto& r : regions["regions"]) {
    auto functions = lab_request(run.global, "GET",
                                 "/_faultbox/lambda/functions?region=" + r.get<std::string>());
    for (const auto& f : functions["Functions"]) {
      if (f.value("FunctionName", "") == name) {
        region = r.get<std::string>();
        arn = f.value("FunctionArn", "");
      }
    }
  }
  if (arn.empty()) {
    fail(errors::not_found("step04's function " + name + " is not in the lab"));
  }
  auto invoke = [&](const std::string& when) {
    auto r = lab_request(run.global, "POST",
                         "/_faultbox/lambda/functions/" + name + "/test?region=" + region,
                         json::object());
    std::cout << "  invoked " << when << " (" << r.value("DurationMs", 0)
              << " ms): " << (r.value("FunctionError", "").empty() ? "" : "error ")
              << json_text(r["Payload"]) << "\n";
    return r;
  };
  auto first = invoke("normally");
  section("The README's experiment: aws:lambda:invocation-add-delay, 3 minutes, 35000 ms");
  json body = {{"description", "Delay lambda invocation"},
               {"targets",
                {{"Functions-Target-1",
                  {{"resourceType", "aws:lambda:function"},
                   {"resourceArns", {arn}},
                   {"selectionMode", "ALL"}}}}},
               {"actions",
                {{"delay_lambda",
                  {{"actionId", "aws:lambda:invocation-add-delay"},
                   {"parameters", {{"duration", "PT3M"}, {"startupDelayMilliseconds", "35000"}}},
                   {"targets", {{"Functions", "Functions-Target-1"}}}}}}},
               {"stopConditions", {{{"source", "none"}}}},
               {"roleArn", fis_role_arn(run, "step04")},
               {"tags", {{"Name", "delay-lambda-" + run.panda}}}};
  auto created = lab_request(run.global, "POST", "/_faultbox/templates", body);
  auto template_id = created["experimentTemplate"].value("id", "");
  auto experiment = lab_request(run.global, "POST", "/_faultbox/experiments",
                                {{"experimentTemplateId", template_id}})["experiment"]
                        .value("id", "");
  std::cout << "Created " << template_id << ", started " << experiment << "\n";
  auto until = Clock::now() + std::chrono::seconds(30);
  while (
      Clock::now() < until &&
      lab_request(run.global, "GET", "/_faultbox/experiments/" + experiment)["experiment"]["state"]
              .value("status", "") != "running") {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  auto during = invoke("during the experiment");
  auto status = watch_experiment(run.global, experiment);
  auto after = invoke("after the experiment");
  destroy_step(run, "step04");
  bool timed_out = during["Payload"].value("errorType", "") == "Sandbox.Timedout";
  bool ok = first.value("FunctionError", "").empty() && timed_out && status == "completed" &&
            after.value("FunctionError", "").empty();
  verdict(ok, "Step 04",
          "the function answered, timed out after 30.00 seconds during the experiment, and "
          "answered again after it");
  return ok;
}

}  // namespace faultbox::cli
