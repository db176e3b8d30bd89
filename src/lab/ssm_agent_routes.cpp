// The SSM agents' polls and reports.
#include "lab/ssm_agent_routes.h"

#include "cloud/ssm/ssm_commands.h"
#include "lab/lab_json.h"

namespace faultbox::lab {

namespace {

std::vector<std::string> comma_list(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

Result<ssm::AgentReport> report_of(const std::string& body) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (!j.is_object() || !j.contains("command_id") || !j.contains("status")) {
    return errors::validation("a report is {command_id, status, response_code, output, errors}");
  }
  ssm::AgentReport r;
  r.command_id = j.value("command_id", "");
  // An agent reports how a command ended, never a state it is in.
  auto status = ssm::status_from(j.value("status", ""));
  if (!status || !ssm::is_final(*status)) {
    return errors::validation("a report's status is Success, Failed, TimedOut or Cancelled");
  }
  r.status = *status;
  r.response_code = j.value("response_code", -1);
  r.output = j.value("output", "");
  r.errors = j.value("errors", "");
  return r;
}

}  // namespace

std::optional<net::HttpResponse> handle_ssm_agent_request(LabContext& ctx,
                                                          const net::HttpRequest& req) {
  const std::string prefix = "/_ssm/";
  auto path = req.path();
  if (path.rfind(prefix, 0) != 0) return std::nullopt;
  auto rest = path.substr(prefix.size());
  auto slash = rest.find('/');
  if (slash == std::string::npos) return error_response(errors::not_found("no route " + path));
  const auto instance_id = rest.substr(0, slash);
  const auto what = rest.substr(slash + 1);
  // Another process must not take an instance's commands or report their results.
  if (const auto* instance = ctx.cloud.instances().find(instance_id)) {
    if (auto refused = ctx.instance_callers.refusal(req, *instance)) {
      return error_response(*refused);
    }
  }
  auto& commands = ctx.cloud.kind<cloud::SsmCommands>();
  if (what == "work" && req.method == "POST") {
    auto query = net::parse_query(req.query());
    auto work = commands.agent_poll(instance_id, query["session"], comma_list(query["running"]));
    return work ? json_response(200, *work) : error_response(work.error());
  }
  if (what == "report" && req.method == "POST") {
    auto report = report_of(req.body);
    if (!report) return error_response(report.error());
    auto done = commands.agent_report(instance_id, *report);
    return done ? json_response(200, nlohmann::json::object()) : error_response(done.error());
  }
  return error_response(errors::not_found("no route for " + req.method + " " + path));
}

}  // namespace faultbox::lab
