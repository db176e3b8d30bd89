#include "lab/read_only_request.h"

#include <string_view>

#include "api/params.h"

namespace faultbox::lab {

namespace {
bool reads_by_name(std::string_view operation) {
  for (std::string_view verb : {"Describe", "List", "Get"}) {
    if (operation.substr(0, verb.size()) == verb) {
      return true;
    }
  }
  return false;
}

// The AWS operation a request names, if it names one.
std::string operation_of(const net::HttpRequest& request) {
  if (auto target = request.header("x-amz-target")) {
    return target->substr(target->rfind('.') + 1);
  }
  constexpr std::string_view kOperation = "/operation/";
  auto path = request.path();
  if (auto at = path.find(kOperation); path.rfind("/service/", 0) == 0 && at != std::string::npos) {
    return path.substr(at + kOperation.size());
  }
  return api::request_params(request).get_or("Action", "");
}
}  // namespace

bool is_read_only(const net::HttpRequest& request) {
  if (request.method == "GET" || request.method == "HEAD") {
    return true;
  }
  auto operation = operation_of(request);
  return !operation.empty() && reads_by_name(operation);
}

}  // namespace faultbox::lab
