#include "lab/fis_routes.h"

#include "cloud/experiment_live.h"
#include "cloud/experiment_report.h"
#include "cloud/fis_service.h"
#include "cloud/region_services.h"
#include "core/iso8601.h"
#include "core/json_text.h"
#include "fis/scenarios.h"
#include "lab/lab_json.h"
#include "ssm/document_catalog.h"

namespace faultbox::lab {

using nlohmann::json;
namespace svc = cloud::fis_service;

namespace {
net::HttpResponse answer(const Result<json>& r) {
  return r ? json_response(200, *r) : error_response(r.error());
}

Result<json> body_of(const net::HttpRequest& req) {
  FAULTBOX_TRY(body, parse_json(req.body, "the request body"));
  if (!body.is_object()) {
    return errors::validation("the request body must be a JSON object");
  }
  return Result<json>(boost::system::in_place_value, std::move(body));
}

json alarms_json(cloud::RegionServices& r, TimePoint now) {
  json list = json::array();
  for (const auto* a : r.alarms.describe()) {
    auto item = a->to_api_json();
    json history = json::array();
    monitoring::HistoryQuery query;
    query.alarm_name = a->spec().alarm_name;
    for (const auto& h : r.alarms.history(query)) {
      history.push_back(h.to_api_json());
    }
    item["History"] = history;
    // What the next evaluation looks at: one value per period, oldest first (null: no data).
    json datapoints = json::array();
    if (auto points = r.alarms.window_datapoints(a->spec().alarm_name, now)) {
      for (const auto& [at, value] : *points) {
        datapoints.push_back(
            {{"Timestamp", format_iso8601(at)}, {"Value", value ? json(*value) : json()}});
      }
    }
    item["Datapoints"] = datapoints;
    list.push_back(item);
  }
  return {{"MetricAlarms", list}};
}

// GET /_faultbox/logs: the log groups; ?group=G: its events, filtered by ?stream= and ?filter=.
net::HttpResponse logs(cloud::RegionServices& r, std::map<std::string, std::string>& query) {
  if (!query.count("group")) {
    return json_response(200, r.logs.describe_groups());
  }
  std::vector<std::string> streams;
  if (query.count("stream")) {
    streams.push_back(query["stream"]);
  }
  return answer(r.logs.filter_events(query["group"], streams, query["filter"], {}));
}

net::HttpResponse templates(LabContext& ctx, const net::HttpRequest& req, const std::string& region,
                            const std::string& id) {
  if (id.empty()) {
    if (req.method == "POST") {
      auto body = body_of(req);
      return answer(body ? svc::create_template(ctx.cloud, region, *body) : body.error());
    }
    return json_response(200, svc::list_templates(ctx.cloud, region));
  }
  if (req.method == "PATCH") {
    auto body = body_of(req);
    return answer(body ? svc::update_template(ctx.cloud, region, id, *body) : body.error());
  }
  if (req.method == "DELETE") {
    return answer(svc::delete_template(ctx.cloud, region, id));
  }
  return answer(svc::get_template(ctx.cloud, region, id));
}

net::HttpResponse experiments(LabContext& ctx, const net::HttpRequest& req,
                              const std::string& region, const std::string& rest) {
  if (rest.empty()) {
    if (req.method != "POST") {
      return json_response(200, svc::list_experiments(ctx.cloud, region));
    }
    auto body = body_of(req);
    if (!body) {
      return error_response(body.error());
    }
    std::optional<std::uint64_t> seed;
    if (body->contains("seed") && (*body)["seed"].is_number_unsigned()) {
      seed = (*body)["seed"].get<std::uint64_t>();
    }
    return answer(svc::start_experiment(ctx.cloud, region, *body, seed));
  }
  auto slash = rest.find('/');
  auto id = rest.substr(0, slash);
  if (slash != std::string::npos && rest.substr(slash) == "/stop" && req.method == "POST") {
    return answer(svc::stop_experiment(ctx.cloud, region, id));
  }
  if (slash != std::string::npos && rest.substr(slash) == "/live") {
    return answer(cloud::experiment_live(ctx.cloud, region, id));
  }
  if (slash != std::string::npos && rest.substr(slash) == "/report") {
    auto input = cloud::experiment_report_input(ctx.cloud, region, id);
    if (!input) {
      return error_response(input.error());
    }
    return json_response(
        200, {{"json", report::report_json(*input)}, {"html", report::report_html(*input)}});
  }
  return answer(svc::get_experiment(ctx.cloud, region, id));
}
}  // namespace

std::optional<net::HttpResponse> handle_fis_request(LabContext& ctx, const net::HttpRequest& req) {
  const std::string prefix = "/_faultbox/";
  auto path = req.path();
  if (path.rfind(prefix, 0) != 0) {
    return std::nullopt;
  }
  auto rest = path.substr(prefix.size());
  auto slash = rest.find('/');
  auto collection = rest.substr(0, slash);
  auto tail = slash == std::string::npos ? std::string() : rest.substr(slash + 1);
  auto query = net::parse_query(req.query());
  auto region = query.count("region") ? query["region"] : ctx.cloud.default_region();
  if (collection == "actions") {
    return json_response(200, fis::builtin_actions().describe_actions_json(region));
  }
  if (collection == "ssm-documents") {
    // The documents aws:ssm:send-command can run, for the template form's fields.
    return json_response(200, ssm::documents_json(region));
  }
  if (collection == "scenarios") {
    // ?az=&role=: each scenario with its template for that zone and role (the console's).
    fis::ScenarioInputs inputs;
    inputs.availability_zone = query.count("az") ? query["az"] : region + "a";
    inputs.role_arn = query.count("role") ? query["role"] : "";
    inputs.account_id = ctx.cloud.options().account_id;
    if (!ctx.cloud.options().packet_filter) {
      inputs.network_problem = ctx.cloud.options().packet_filter_problem;
    }
    return json_response(200, fis::scenarios_json(inputs));
  }
  if (collection == "templates") {
    return templates(ctx, req, region, tail);
  }
  if (collection == "experiments") {
    return experiments(ctx, req, region, tail);
  }
  if (collection == "alarms") {
    return json_response(200, alarms_json(ctx.cloud.region(region), ctx.clock.now()));
  }
  if (collection == "logs") {
    return logs(ctx.cloud.region(region), query);
  }
  return std::nullopt;
}

}  // namespace faultbox::lab
