// The lab's HTTP entry: AWS API calls (api module), the lab's own JSON API (/_faultbox/...) and
// the per-instance metadata service (/_imds/...).
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/asio/post.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>

#include "api/gateway.h"
#include "cloud/region_services.h"
#include "cloud/views.h"
#include "compute/imds.h"
#include "core/aws_regions.h"
#include "core/iso8601.h"
#include "core/utf8.h"
#include "lab/console_routes.h"
#include "lab/fis_routes.h"
#include "lab/lab_context.h"
#include "lab/lab_json.h"
#include "lab/lab_metrics.h"
#include "lab/lambda_routes.h"
#include "lab/ssm_agent_routes.h"
#include "lab/stack_routes.h"
#include "monitoring/exposition.h"
#include "net/request_text.h"
#include "netfault/lab_path_faults.h"

namespace faultbox::lab {

using net::HttpRequest;
using net::HttpResponse;

namespace {
HttpResponse imds_answer(LabContext& ctx, const HttpRequest& req, const compute::Instance& instance,
                         const std::string& path) {
  compute::ImdsRequest in{req.method, path, req.headers};
  auto out = compute::imds_respond(instance, in, ctx.clock.now(), ctx.imds_secret);
  HttpResponse r;
  r.status = out.status;
  r.body = std::move(out.body);
  r.content_type = out.headers.count("content-type") ? out.headers["content-type"] : "text/plain";
  out.headers.erase("content-type");
  r.headers = std::move(out.headers);
  return r;
}

// How long the answer of a metadata service whose packets never get through is held.
constexpr std::chrono::seconds kDroppedAnswerHeld{60};

// The lab's own network faults on an instance's requests to the metadata service (when they act
// on its own paths, netfault/lab_path_faults.h): the answer leaves after what the handshake and
// the exchange's packets would have waited; one that would never get through is held a minute
// (the instance's client has given up by then) and answered 504.
void answer_across_faults(LabContext& ctx, const std::string& instance_address,
                          HttpResponse response, const net::Reply& reply) {
  const auto& paths = ctx.cloud.options().lab_paths;
  const auto fault =
      paths ? paths->fault_on(
                  {.target = instance_address, .peer = ctx.options.address, .peer_port = ctx.port})
            : netfault::FlowFault{};
  if (!fault.any() || !ctx.after) {
    reply(std::move(response));
    return;
  }
  thread_local std::mt19937 random{std::random_device{}()};
  auto handshake = netfault::hold_for(fault, true, random);
  auto exchange = netfault::hold_for(fault, false, random);
  if (!handshake || !exchange) {
    ctx.after(kDroppedAnswerHeld, [reply] {
      reply(error_response(
          Error{"GatewayTimeout", "a network fault dropped this metadata request's packets", 504}));
    });
    return;
  }
  ctx.after(*handshake + *exchange,
            [reply, response = std::move(response)]() mutable { reply(std::move(response)); });
}

// /_imds/<instance-id>/<path>: the endpoint the lab gives an instance in its environment.
void imds(LabContext& ctx, const HttpRequest& req, const std::string& rest,
          const net::Reply& reply) {
  auto slash = rest.find('/');
  auto id = rest.substr(0, slash);
  const auto* instance = ctx.cloud.instances().find(id);
  if (!instance) {
    reply(error_response(errors::not_found("no instance " + id)));
    return;
  }
  if (auto refused = ctx.instance_callers.refusal(req, *instance)) {
    reply(error_response(*refused));
    return;
  }
  answer_across_faults(
      ctx, instance->private_ip,
      imds_answer(ctx, req, *instance, slash == std::string::npos ? "/" : rest.substr(slash)),
      reply);
}

// A request for http://169.254.169.254/ (redirected here inside the image): the instance is the
// one whose address the connection comes from, if its processes hold the connection.
bool is_metadata_host(const HttpRequest& req) {
  auto host = req.header("host");
  return host && (*host == "169.254.169.254" || *host == "169.254.169.254:80");
}

void imds_by_address(LabContext& ctx, const HttpRequest& req, const net::Reply& reply) {
  for (const auto* instance : ctx.cloud.instances().list()) {
    if (instance->private_ip == req.remote_address &&
        (instance->state == compute::InstanceState::Running ||
         instance->state == compute::InstanceState::Pending)) {
      if (auto refused = ctx.instance_callers.refusal(req, *instance)) {
        reply(error_response(*refused));
        return;
      }
      answer_across_faults(ctx, instance->private_ip, imds_answer(ctx, req, *instance, req.path()),
                           reply);
      return;
    }
  }
  reply(error_response(errors::not_found("no running instance has the address " +
                                         req.remote_address + " that asks for metadata")));
}

HttpResponse instance_action(LabContext& ctx, const std::string& id, const std::string& action) {
  auto& instances = ctx.cloud.instances();
  Result<void> done = errors::validation("unknown instance action \"" + action +
                                         "\" (stop, start, reboot, terminate)");
  if (action == "stop") {
    done = instances.stop(id);
  } else if (action == "start") {
    done = instances.start(id);
  } else if (action == "reboot") {
    done = instances.reboot(id);
  } else if (action == "terminate") {
    done = instances.terminate(id);
  }
  if (!done) {
    return error_response(done.error());
  }
  return json_response(200, cloud::instance_view(ctx.cloud, *instances.find(id)));
}

// The regions the lab has FIS, alarm or log resources in, and the default (the console's choice).
HttpResponse regions(LabContext& ctx) {
  std::set<std::string> names{ctx.cloud.default_region()};
  for (const auto& [name, services] : ctx.cloud.regions()) {
    names.insert(name);
  }
  return json_response(200, {{"default", ctx.cloud.default_region()}, {"regions", names}});
}

// Prometheus' scrape: everything the lab holds (lab/lab_metrics.h).
HttpResponse metrics(LabContext& ctx) {
  HttpResponse r;
  r.content_type = std::string(monitoring::kExpositionContentType);
  r.body = render_lab_metrics(ctx.cloud, *ctx.requests);
  return r;
}

// GetFunction's Code.Location: a function's zip, named by its SHA-256 (nothing else is served).
HttpResponse lambda_code(LabContext& ctx, const std::string& file) {
  bool named_by_hash = file.size() == 68 && file.substr(64) == ".zip" &&
                       file.find_first_not_of("0123456789abcdef") == 64;
  std::ifstream in(std::filesystem::path(ctx.options.data_dir) / "lambda" / "code" / file,
                   std::ios::binary);
  if (!named_by_hash || !in) {
    return error_response(errors::not_found("no function code " + file));
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  HttpResponse r;
  r.content_type = "application/zip";
  r.body = bytes.str();
  return r;
}

HttpResponse health(LabContext& ctx) {
  return json_response(200, {{"status", "ok"},
                             {"pid", ::getpid()},
                             {"speed", ctx.options.speed},
                             {"data_dir", std::filesystem::absolute(ctx.options.data_dir)},
                             {"time", format_iso8601(ctx.clock.now())}});
}

// The API a request is for, as faultbox_lab_requests_total labels it (lab/request_counts.h).
std::string api_of(const HttpRequest& req, const std::optional<api::AwsCall>& aws) {
  if (aws) {
    return aws->service_id();
  }
  return is_metadata_host(req) || req.path().rfind("/_imds/", 0) == 0 ? "imds" : "lab";
}

// `aws`: the request recognised as an AWS API call (SigV4 scope, X-Amz-Target, Action, a
// service route), which shares the lab's port.
void route_request(LabContext& ctx, HttpRequest req, const std::optional<api::AwsCall>& aws,
                   const net::Reply& reply) {
  if (is_metadata_host(req)) {
    imds_by_address(ctx, req, reply);
    return;
  }
  if (aws) {
    api::answer_aws_call(ctx.cloud, req, *aws, reply);
    return;
  }
  // AWS calls refuse text that is not UTF-8 in their service's shape (api/gateway.cpp).
  if (auto bad = net::invalid_request_text(req)) {
    reply(error_response(errors::validation(*bad)));
    return;
  }
  // Every route that takes ?region= acts in that region, which it would otherwise create.
  if (auto query = net::parse_query(req.query()); query.count("region")) {
    if (auto known = check_aws_region(query["region"], "?region="); !known) {
      reply(error_response(known.error()));
      return;
    }
  }
  auto path = req.path();
  const std::string kImds = "/_imds/";
  const std::string kInstances = "/_faultbox/instances/";
  if (path.rfind(kImds, 0) == 0) {
    imds(ctx, req, path.substr(kImds.size()), reply);
  } else if (path == "/_faultbox/health") {
    reply(health(ctx));
  } else if (path == "/metrics" && req.method == "GET") {
    reply(metrics(ctx));
  } else if (path == "/_faultbox/shutdown" && req.method == "POST") {
    reply(json_response(200, {{"status", "stopping"}}));
    ctx.shutdown();
  } else if (path == "/_faultbox/instances") {
    reply(json_response(200, cloud::instances_view(ctx.cloud)));
  } else if (path.rfind(kInstances, 0) == 0 && req.method == "POST") {
    auto rest = path.substr(kInstances.size());
    auto slash = rest.find('/');
    reply(slash == std::string::npos
              ? error_response(errors::validation("use POST /_faultbox/instances/<id>/<action>"))
              : instance_action(ctx, rest.substr(0, slash), rest.substr(slash + 1)));
  } else if (path.rfind("/_faultbox/lambda-code/", 0) == 0 && req.method == "GET") {
    reply(lambda_code(ctx, path.substr(std::string_view("/_faultbox/lambda-code/").size())));
  } else if (path == "/_faultbox/groups") {
    reply(json_response(200, cloud::groups_view(ctx.cloud)));
  } else if (path == "/_faultbox/regions") {
    reply(regions(ctx));
  } else if (path == "/_faultbox/lbs") {
    reply(json_response(200, cloud::balancers_view(ctx.cloud)));
  } else if (path.rfind("/_faultbox/stack/", 0) == 0) {
    reply(handle_stack_request(ctx, req));
  } else if (handle_console_request(ctx, req, reply)) {
    return;
  } else if (handle_lambda_request(ctx, req, reply)) {
    return;
  } else if (auto agent = handle_ssm_agent_request(ctx, req)) {
    reply(std::move(*agent));
  } else if (auto fis = handle_fis_request(ctx, req)) {
    reply(std::move(*fis));
  } else {
    reply(error_response(errors::not_found("no route for " + req.method + " " + path)));
  }
}
}  // namespace

void handle_request(LabContext& ctx, HttpRequest req, net::Reply reply) {
  // A handler's failure is this request's 500, never the lab's end. Each request is answered
  // once, and counted then under the API that answered it (known once recognised).
  auto answered_by = std::make_shared<std::string>("lab");
  auto replied = std::make_shared<bool>(false);
  net::Reply once = [replied, reply = std::move(reply), requests = ctx.requests,
                     answered_by](HttpResponse response) {
    if (!*replied) {
      *replied = true;
      requests->add(*answered_by, response.status);
      reply(std::move(response));
    }
  };
  if (auto refused = refusal_of(req, ctx.tokens)) {
    once(error_response(*refused));
    return;
  }
  auto what = req.method + " " + to_valid_utf8(req.target);
  try {
    auto aws = is_metadata_host(req) ? std::nullopt : api::recognize_aws_request(req);
    *answered_by = api_of(req, aws);
    route_request(ctx, std::move(req), aws, once);
  } catch (const std::exception& e) {
    spdlog::error("request {} failed: {}", what, to_valid_utf8(e.what()));
    once(error_response(errors::internal("faultbox failed on " + what + ": " + e.what())));
  }
}

}  // namespace faultbox::lab
