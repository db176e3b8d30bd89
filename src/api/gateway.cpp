#include "api/gateway.h"

#include <spdlog/spdlog.h>

#include <exception>

#include "api/detect.h"
#include "api/protocol.h"
#include "api/services/all_services.h"

namespace faultbox::api {

namespace {
// A service the lab does not know: answered in the envelope the request's shape suggests.
net::HttpResponse unknown_service(const Detection& d, const Params& params,
                                  const std::string& request_id) {
  ServiceInfo generic;
  generic.id = generic.title = d.service_name;
  generic.protocol = params.get("Action") ? Protocol::Query : Protocol::RestJson;
  return error_response(generic,
                        Error{"NotImplemented",
                              "faultbox does not implement the AWS service \"" + d.service_name +
                                  "\" (found by " + d.how + ").",
                              501},
                        request_id);
}
}  // namespace

const std::vector<const Service*>& all_services() {
  static const std::vector<const Service*> services = {
#define FAULTBOX_API_SERVICE(name) &name(),
#include "api/services/all_services.def"
#undef FAULTBOX_API_SERVICE
  };
  return services;
}

std::optional<net::HttpResponse> handle_aws_request(cloud::Cloud& cloud,
                                                    const net::HttpRequest& request) {
  auto params = request_params(request);
  auto detected = detect_service(all_services(), request, params);
  if (!detected) {
    return std::nullopt;
  }
  auto request_id = new_request_id();
  net::HttpResponse response;
  if (!detected->service) {
    response = unknown_service(*detected, params, request_id);
  } else {
    Call call{cloud,
              request,
              params,
              detected->region.empty() ? cloud.default_region() : detected->region,
              request_id,
              detected->access_key};
    try {
      response = detected->service->handle(call);
    } catch (const std::exception& e) {
      // A handler bug must not take the lab down nor leave the client waiting.
      response = error_response(detected->service->info(),
                                errors::internal(std::string("faultbox failed: ") + e.what()),
                                request_id);
    }
  }
  spdlog::debug("aws {} {} ({} by {}) -> {}", request.method, request.target,
                detected->service_name, detected->how, response.status);
  return response;
}

}  // namespace faultbox::api
