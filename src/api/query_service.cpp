#include "api/query_service.h"

#include <spdlog/spdlog.h>

#include "api/protocol.h"

namespace faultbox::api {

net::HttpResponse QueryService::handle(Call& call) const {
  auto action = call.params.get("Action");
  if (!action || action->empty()) {
    return error_response(info_,
                          Error{"MissingAction", "The request must contain the parameter Action."},
                          call.request_id);
  }
  auto op = operations_.find(*action);
  if (op == operations_.end()) {
    return error_response(info_, not_implemented(info_, *action), call.request_id);
  }
  const bool ec2 = info_.protocol == Protocol::Ec2;
  XmlWriter w(*action + "Response", info_.xml_namespace);
  if (ec2) {
    w.leaf("requestId", call.request_id);
  } else {
    w.open(*action + "Result");
  }
  auto done = op->second(call, w);
  if (!done) {
    return error_response(info_, done.error(), call.request_id);
  }
  if (!ec2) {
    w.close();
    w.open("ResponseMetadata");
    w.leaf("RequestId", call.request_id);
  }
  return xml_body(w.finish(), call.request_id);
}

Result<std::string> required_param(const Call& call, const std::string& name) {
  auto v = call.params.get(name);
  if (!v || v->empty()) {
    return Error{"MissingParameter", "The request must contain the parameter " + name + "."};
  }
  return *v;
}

}  // namespace faultbox::api
