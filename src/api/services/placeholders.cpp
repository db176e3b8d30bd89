// Services the lab knows by name and protocol but does not implement yet: every operation
// answers NotImplemented in the service's own envelope. Replace a line of all_services.def
// with a real adapter to implement one.
#include "api/protocol.h"
#include "api/services/all_services.h"

namespace faultbox::api {

namespace {
class PlaceholderService : public Service {
 public:
  explicit PlaceholderService(ServiceInfo info) : info_(std::move(info)) {}
  const ServiceInfo& info() const override { return info_; }
  bool has_operation(std::string_view) const override { return false; }
  net::HttpResponse handle(Call& call) const override {
    return error_response(info_, not_implemented(info_, operation_of(call)), call.request_id);
  }

 private:
  static std::string operation_of(const Call& call) {
    if (auto action = call.params.get("Action")) {
      return *action;
    }
    if (auto target = call.http.header("x-amz-target")) {
      auto dot = target->find('.');
      return dot == std::string::npos ? *target : target->substr(dot + 1);
    }
    auto path = call.http.path();  // rpc-v2: /service/<prefix>/operation/<Op>
    return path.substr(path.rfind('/') + 1);
  }

  ServiceInfo info_;
};
}  // namespace

const Service& autoscaling_placeholder() {
  static const PlaceholderService s({"autoscaling", "Auto Scaling", {"autoscaling"},
                                     Protocol::Query, "2011-01-01",
                                     "http://autoscaling.amazonaws.com/doc/2011-01-01/", ""});
  return s;
}

const Service& elb_placeholder() {
  static const PlaceholderService s(
      {"elb", "Elastic Load Balancing", {"elasticloadbalancing"}, Protocol::Query, "2012-06-01",
       "http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/", ""});
  return s;
}

const Service& iam_placeholder() {
  static const PlaceholderService s({"iam", "IAM", {"iam"}, Protocol::Query, "2010-05-08",
                                     "https://iam.amazonaws.com/doc/2010-05-08/", ""});
  return s;
}

const Service& logs_placeholder() {
  static const PlaceholderService s(
      {"logs", "CloudWatch Logs", {"logs"}, Protocol::Json, "", "", "Logs_20140328"});
  return s;
}

}  // namespace faultbox::api
