// aws:network:disrupt-connectivity: for `duration`, the target subnets lose their connectivity as
// FIS's network ACL takes it away. Scope `all` denies all traffic in and out of each subnet
// (traffic within it still flows), `availability-zone` the traffic with the VPC's subnets in
// other zones. The lab applies it on the kernel's path (NetworkControl), so the load balancer's
// health checks, clients and the instances' own calls all lose it; it is removed when the duration
// ends or the experiment stops, and by the lab's start after a crash.
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "fis/action_registry.h"
#include "fis/actions/parameters.h"
#include "fis/actions/timed_fault.h"
#include "fis/wire.h"

namespace faultbox::fis::actions {
namespace {

constexpr std::string_view kId = "aws:network:disrupt-connectivity";
constexpr std::array<std::string_view, 2> kScopesHere = {"all", "availability-zone"};
// FIS's other scopes deny traffic to AWS services or prefix lists the lab does not have.
constexpr std::array<std::string_view, 5> kScopesElsewhere = {"dynamodb", "prefix-list", "s3",
                                                              "s3express", "vpc"};

class DisruptConnectivity final : public TimedFault {
 public:
  DisruptConnectivity(Duration duration, std::string scope)
      : TimedFault(duration), scope_(std::move(scope)) {}

  static Result<std::unique_ptr<DisruptConnectivity>> create(const StringMap& params) {
    FAULTBOX_TRY(d, duration_parameter(kId, params, "duration"));
    auto it = params.find("scope");
    std::string scope = it == params.end() || it->second.empty() ? "all" : it->second;
    auto in = [&](const auto& list) {
      return std::find(list.begin(), list.end(), scope) != list.end();
    };
    if (in(kScopesElsewhere)) {
      return errors::validation("scope \"" + scope + "\" of " + std::string(kId) +
                                " denies traffic to AWS services the lab does not run; the lab "
                                "takes scope all or availability-zone");
    }
    if (!in(kScopesHere)) {
      return errors::validation("Invalid scope \"" + scope + "\" for " + std::string(kId) +
                                ": expected all, availability-zone, dynamodb, prefix-list, s3, "
                                "s3express or vpc");
    }
    return std::make_unique<DisruptConnectivity>(d, std::move(scope));
  }

  Result<void> start(ActionContext& ctx) override {
    mark_started(ctx);
    std::vector<std::string> subnets;
    for (const auto& r : ctx.resources(std::string(wire::kSubnetsKey))) {
      // FIS swaps the subnet's network ACL for its own.
      FAULTBOX_TRY_VOID(ctx.authorize("ec2:ReplaceNetworkAclAssociation", r));
      subnets.push_back(r.id);
    }
    fault_id_ = ctx.experiment_id + "/" + ctx.action_name;
    FAULTBOX_TRY(what, ctx.network.disrupt_subnets(fault_id_, subnets, scope_));
    ctx.log(what);
    return {};
  }

 private:
  void release(ActionContext& ctx) override {
    if (fault_id_.empty()) return;
    ctx.network.remove_network_fault(fault_id_);
    ctx.log("Connectivity restored");
    fault_id_.clear();
  }

  std::string scope_;
  std::string fault_id_;  // set while the fault holds
};

}  // namespace

ActionSpec disrupt_connectivity() {
  return {.id = std::string(kId),
          .description = "Deny network traffic to and from the target subnets.",
          .targets = {{std::string(wire::kSubnetsKey), std::string(wire::kEc2Subnet)}},
          .parameters = {{.name = "duration",
                          .required = true,
                          .type = ParamType::IsoDuration,
                          .description = "How long the subnets stay cut off (PT1M to PT12H).",
                          .min = std::chrono::minutes(1),
                          .max = std::chrono::hours(12)},
                         {.name = "scope",
                          .description = "all (every packet in and out of the subnet, except "
                                         "within it) or availability-zone (traffic with the "
                                         "VPC's subnets in other zones).",
                          .default_value = "all"},
                         {.name = "prefixListIdentifier",
                          .description = "For scope prefix-list, which the lab does not take."}},
          .make = make_action<DisruptConnectivity>};
}

}  // namespace faultbox::fis::actions
