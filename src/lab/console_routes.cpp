#include "lab/console_routes.h"

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "cloud/experiment_report.h"
#include "cloud/iam/iam_directory.h"
#include "cloud/region_services.h"
#include "core/iso8601.h"
#include "lab/console_assets.h"
#include "lab/console_events.h"
#include "lab/lab_json.h"

namespace faultbox::lab {

using nlohmann::json;

namespace {
// How much of an alarm's metric the console's graph shows: this many periods back.
constexpr int kGraphPeriods = 30;

std::string content_type_of(const std::string& path) {
  static const std::map<std::string, std::string> kTypes = {
      {"html", "text/html; charset=utf-8"}, {"js", "text/javascript; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},   {"svg", "image/svg+xml"},
      {"json", "application/json"},         {"png", "image/png"}};
  auto dot = path.rfind('.');
  auto it = kTypes.find(dot == std::string::npos ? std::string() : path.substr(dot + 1));
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

// FAULTBOX_CONSOLE_DIR serves the files from disk instead, to work on the console without
// rebuilding the binary.
std::optional<std::string> console_file(const std::string& path) {
  if (const char* dir = std::getenv("FAULTBOX_CONSOLE_DIR"); dir && *dir) {
    std::ifstream in(std::string(dir) + "/" + path, std::ios::binary);
    if (!in) {
      return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }
  for (const auto& f : embedded_console_files()) {
    if (f.path == path) {
      return std::string(f.content);
    }
  }
  return std::nullopt;
}

net::HttpResponse asset(const std::string& path) {
  auto content = path.find("..") == std::string::npos ? console_file(path) : std::nullopt;
  if (!content) {
    return error_response(errors::not_found("the console has no file " + path));
  }
  net::HttpResponse r;
  r.content_type = content_type_of(path);
  r.headers["cache-control"] = "no-cache";
  r.body = std::move(*content);
  return r;
}

// The console's page, carrying the token its calls that change the lab send (request_guard.h).
net::HttpResponse console_page(const LabContext& ctx) {
  auto page = asset("index.html");
  const std::string kEmpty = R"(<meta name="faultbox-token" content="">)";
  if (auto at = page.body.find(kEmpty); at != std::string::npos) {
    page.body.replace(at, kEmpty.size(),
                      R"(<meta name="faultbox-token" content=")" + ctx.tokens.console + R"(">)");
  }
  page.headers["cache-control"] = "no-store";  // the token is this lab's, for this run
  return page;
}

// The IAM roles a template may use, for the console's role picker.
json roles(LabContext& ctx) {
  json list = json::array();
  for (const auto& [name, role] : ctx.cloud.kind<cloud::IamDirectory>().directory().roles()) {
    list.push_back({{"RoleName", name}, {"Arn", role.arn}});
  }
  return {{"Roles", list}};
}

// An alarm's metric over its last periods, with the statistic, threshold and state it is
// judged by: what the console's alarm graph draws.
net::HttpResponse datapoints(LabContext& ctx, const std::string& region, const std::string& name) {
  auto& services = ctx.cloud.region(region);
  for (const auto* alarm : services.alarms.describe()) {
    const auto& spec = alarm->spec();
    if (spec.alarm_name != name) {
      continue;
    }
    auto now = ctx.clock.now();
    auto points = services.metrics.periods(spec.metric_key(), now - spec.period * kGraphPeriods,
                                           now, spec.period);
    json list = json::array();
    for (const auto& p : points) {
      list.push_back(
          {{"Timestamp", format_iso8601(p.timestamp)}, {"Value", p.value(spec.statistic)}});
    }
    auto api = alarm->to_api_json();
    return json_response(200, {{"AlarmName", name},
                               {"Namespace", spec.metric_namespace},
                               {"MetricName", spec.metric_name},
                               {"Statistic", api.value("Statistic", "")},
                               {"Period", spec.period.count()},
                               {"Threshold", spec.threshold},
                               {"ComparisonOperator", api.value("ComparisonOperator", "")},
                               {"StateValue", api.value("StateValue", "")},
                               {"Now", format_iso8601(now)},
                               {"Datapoints", list}});
  }
  return error_response(errors::not_found("no alarm " + name));
}

// The experiment's self-contained HTML report as a page, for the console's link.
net::HttpResponse report_page(LabContext& ctx, const std::string& id) {
  auto input = cloud::experiment_report_input(ctx.cloud, ctx.cloud.default_region(), id);
  if (!input) {
    return error_response(input.error());
  }
  net::HttpResponse r;
  r.content_type = "text/html; charset=utf-8";
  r.body = report::report_html(*input);
  return r;
}
}  // namespace

bool handle_console_request(LabContext& ctx, const net::HttpRequest& req, const net::Reply& reply) {
  auto path = req.path();
  if (req.method == "GET" && (path == "/" || path == "/index.html")) {
    reply(console_page(ctx));
  } else if (req.method == "GET" && path.rfind("/console/", 0) == 0) {
    reply(asset(path.substr(std::string("/console/").size())));
  } else if (path == "/_faultbox/events") {
    reply(ctx.events->subscribe());
  } else if (path.rfind("/_faultbox/experiments/", 0) == 0 && path.ends_with("/report.html")) {
    auto id = path.substr(std::string("/_faultbox/experiments/").size());
    reply(report_page(ctx, id.substr(0, id.size() - std::string("/report.html").size())));
  } else if (path == "/_faultbox/roles") {
    reply(json_response(200, roles(ctx)));
  } else if (path.rfind("/_faultbox/alarms/", 0) == 0 && path.ends_with("/datapoints")) {
    auto name = path.substr(std::string("/_faultbox/alarms/").size());
    name = net::url_decode(name.substr(0, name.size() - std::string("/datapoints").size()));
    auto query = net::parse_query(req.query());
    reply(datapoints(ctx, query.count("region") ? query["region"] : ctx.cloud.default_region(),
                     name));
  } else {
    return false;
  }
  return true;
}

}  // namespace faultbox::lab
