#include "api/gateway.h"

#include <spdlog/spdlog.h>

#include <exception>
#include <memory>

#include "api/authenticate.h"
#include "api/authorize.h"
#include "api/detect.h"
#include "api/injected_faults.h"
#include "api/protocol.h"
#include "api/services/all_services.h"
#include "core/aws_regions.h"
#include "core/utf8.h"
#include "net/request_text.h"

namespace faultbox::api {

namespace {
// The envelope of an answer: the service's own, or for a service the lab does not know, the one
// the request's shape suggests.
ServiceInfo shape_of(const Detection& d, const Params& params) {
  if (d.service) {
    return d.service->info();
  }
  ServiceInfo generic;
  generic.id = generic.title = to_valid_utf8(d.service_name);
  generic.protocol = params.get("Action") ? Protocol::Query : Protocol::RestJson;
  return generic;
}

// A service the lab does not know: answered in the envelope the request's shape suggests.
net::HttpResponse unknown_service(const Detection& d, const Params& params,
                                  const std::string& request_id) {
  auto generic = shape_of(d, params);
  return error_response(generic,
                        Error{"NotImplemented",
                              "faultbox does not implement the AWS service \"" + generic.id +
                                  "\" (found by " + d.how + ").",
                              501},
                        request_id);
}

// Text that is not UTF-8 cannot be answered in JSON nor kept: refused in the service's shape.
Error invalid_text(const ServiceInfo& service, const std::string& problem) {
  bool query = service.protocol == Protocol::Query || service.protocol == Protocol::Ec2;
  return Error{query ? "InvalidParameterValue" : "SerializationException", problem, 400};
}

// Under `serve --auth`, why the call is refused before the service sees it; nullopt when it
// goes on (always, without --auth).
std::optional<Error> unauthenticated(const cloud::Cloud& cloud, const net::HttpRequest& request,
                                     const ServiceInfo& service) {
  if (!cloud.options().check_signatures) {
    return std::nullopt;
  }
  auto wall_now = std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
  auto signed_by = authenticate(cloud, request, service, wall_now);
  if (signed_by) {
    return std::nullopt;
  }
  return signed_by.error();
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

std::string AwsCall::service_id() const {
  return detected.service ? detected.service->info().id : "unknown";
}

std::optional<AwsCall> recognize_aws_request(const net::HttpRequest& request) {
  auto params = request_params(request);
  auto detected = detect_service(all_services(), request, params);
  if (!detected) {
    return std::nullopt;
  }
  return AwsCall{std::move(*detected), std::move(params)};
}

void answer_aws_call(cloud::Cloud& cloud, const net::HttpRequest& request, const AwsCall& aws,
                     const net::Reply& reply) {
  const auto& detected = aws.detected;
  const auto& params = aws.params;
  auto request_id = new_request_id();
  // Every answer, now or later, is logged once.
  auto answer = [reply, method = request.method, target = request.target,
                 name = detected.service_name, how = detected.how](net::HttpResponse response) {
    spdlog::debug("aws {} {} ({} by {}) -> {}", method, target, name, how, response.status);
    reply(std::move(response));
  };
  auto region_known = detected.region.empty()
                          ? Result<void>()
                          : check_aws_region(detected.region, "the request's credential scope");
  if (auto bad = net::invalid_request_text(request)) {
    auto shape = shape_of(detected, params);
    answer(error_response(shape, invalid_text(shape, *bad), request_id));
  } else if (!region_known) {
    // As AWS answers a signature scoped to a region it does not have.
    answer(error_response(shape_of(detected, params),
                          Error{"InvalidClientTokenId", region_known.error().message, 403},
                          request_id));
  } else if (!detected.service) {
    answer(unknown_service(detected, params, request_id));
  } else if (auto refused = unauthenticated(cloud, request, detected.service->info())) {
    answer(error_response(detected.service->info(), *refused, request_id));
  } else {
    Call call{cloud,      request,
              params,     detected.region.empty() ? cloud.default_region() : detected.region,
              request_id, detected.access_key};
    // A handler bug must not take the lab down nor leave the client waiting (the lab's routes
    // drop a second answer, should a handler throw after answering).
    try {
      if (cloud.options().check_signatures) {
        if (auto denied = unauthorized(call, *detected.service)) {
          answer(error_response(detected.service->info(), *denied, request_id));
          return;
        }
      }
      if (auto injected = injected_fault(call, detected.service->info())) {
        answer(error_response(detected.service->info(), *injected, request_id));
        return;
      }
      detected.service->handle_async(call, answer);
    } catch (const std::exception& e) {
      answer(error_response(detected.service->info(),
                            errors::internal(std::string("faultbox failed: ") + e.what()),
                            request_id));
    }
  }
}

bool answer_aws_request(cloud::Cloud& cloud, const net::HttpRequest& request,
                        const net::Reply& reply) {
  auto aws = recognize_aws_request(request);
  if (!aws) {
    return false;
  }
  answer_aws_call(cloud, request, *aws, reply);
  return true;
}

std::optional<net::HttpResponse> handle_aws_request(cloud::Cloud& cloud,
                                                    const net::HttpRequest& request) {
  // Shared, so that an answer given later (after this returns) lands somewhere alive.
  auto out = std::make_shared<std::optional<net::HttpResponse>>();
  bool aws = answer_aws_request(cloud, request,
                                [out](net::HttpResponse response) { *out = std::move(response); });
  if (!aws) {
    return std::nullopt;
  }
  if (!*out) {
    return error_response(ServiceInfo{}, errors::internal("the answer comes later"), "");
  }
  return std::move(*out);
}

}  // namespace faultbox::api
