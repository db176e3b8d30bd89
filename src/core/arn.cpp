// ARN building and splitting: the resource part keeps any further colons (alarm:<name>,
// log-group:<n>:*).
#include "core/arn.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace faultbox {

std::optional<Arn> parse_arn(std::string_view text) {
  std::string_view parts[5];
  std::string_view rest = text;
  for (auto& part : parts) {
    const auto colon = rest.find(':');
    if (colon == std::string_view::npos) {
      return std::nullopt;
    }
    part = rest.substr(0, colon);
    rest.remove_prefix(colon + 1);
  }
  if (parts[0] != "arn" || parts[1].empty() || parts[2].empty() || rest.empty()) {
    return std::nullopt;
  }
  return Arn{std::string(parts[1]), std::string(parts[2]), std::string(parts[3]),
             std::string(parts[4]), std::string(rest)};
}

bool is_account_id(std::string_view account) {
  return account.size() == 12 && std::all_of(account.begin(), account.end(),
                                             [](unsigned char c) { return std::isdigit(c) != 0; });
}

namespace arn {

namespace {
std::string make(std::string_view service, std::string_view region, std::string_view account,
                 std::string_view resource) {
  return fmt::format("arn:aws:{}:{}:{}:{}", service, region, account, resource);
}
}  // namespace

std::string ec2(std::string_view region, std::string_view account, std::string_view type,
                std::string_view id) {
  return make("ec2", region, account, fmt::format("{}/{}", type, id));
}
std::string instance(std::string_view region, std::string_view account, std::string_view id) {
  return ec2(region, account, "instance", id);
}
std::string launch_template(std::string_view region, std::string_view account,
                            std::string_view id) {
  return ec2(region, account, "launch-template", id);
}
std::string image(std::string_view region, std::string_view id) {
  return ec2(region, "", "image", id);
}

std::string autoscaling_group(std::string_view region, std::string_view account,
                              std::string_view uuid, std::string_view name) {
  return make("autoscaling", region, account,
              fmt::format("autoScalingGroup:{}:autoScalingGroupName/{}", uuid, name));
}
std::string classic_load_balancer(std::string_view region, std::string_view account,
                                  std::string_view name) {
  return make("elasticloadbalancing", region, account, fmt::format("loadbalancer/{}", name));
}
std::string alarm(std::string_view region, std::string_view account, std::string_view name) {
  return make("cloudwatch", region, account, fmt::format("alarm:{}", name));
}
std::string log_group(std::string_view region, std::string_view account, std::string_view name) {
  return make("logs", region, account, fmt::format("log-group:{}:*", name));
}
std::string log_stream(std::string_view region, std::string_view account, std::string_view group,
                       std::string_view stream) {
  return make("logs", region, account, fmt::format("log-group:{}:log-stream:{}", group, stream));
}
std::string fis_template(std::string_view region, std::string_view account, std::string_view id) {
  return make("fis", region, account, fmt::format("experiment-template/{}", id));
}
std::string fis_experiment(std::string_view region, std::string_view account, std::string_view id) {
  return make("fis", region, account, fmt::format("experiment/{}", id));
}
std::string fis_safety_lever(std::string_view region, std::string_view account,
                             std::string_view id) {
  return make("fis", region, account, fmt::format("safety-lever/{}", id));
}
std::string fis_action(std::string_view region, std::string_view id) {
  return make("fis", region, "", fmt::format("action/{}", id));
}

std::string iam(std::string_view account, std::string_view type, std::string_view path,
                std::string_view name) {
  return make("iam", "", account, fmt::format("{}{}{}", type, path.empty() ? "/" : path, name));
}
std::string autoscaling_service_linked_role(std::string_view account) {
  return iam_role(account, "/aws-service-role/autoscaling.amazonaws.com/",
                  "AWSServiceRoleForAutoScaling");
}
std::string iam_role(std::string_view account, std::string_view path, std::string_view name) {
  return iam(account, "role", path, name);
}
std::string iam_policy(std::string_view account, std::string_view path, std::string_view name) {
  return iam(account, "policy", path, name);
}
std::string iam_instance_profile(std::string_view account, std::string_view path,
                                 std::string_view name) {
  return iam(account, "instance-profile", path, name);
}
std::string iam_user(std::string_view account, std::string_view name) {
  return iam(account, "user", "/", name);
}
std::string account_root(std::string_view account) { return make("iam", "", account, "root"); }

std::string s3_bucket(std::string_view bucket) { return make("s3", "", "", bucket); }

std::string lambda_function(std::string_view region, std::string_view account,
                            std::string_view name) {
  return make("lambda", region, account, "function:" + std::string(name));
}

std::string resource_name(const Arn& arn) {
  auto slash = arn.resource.rfind('/');
  return slash == std::string::npos ? arn.resource : arn.resource.substr(slash + 1);
}

}  // namespace arn
}  // namespace faultbox
