#include "fis/actions/api_fault.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <chrono>

#include "fis/actions/parameters.h"
#include "fis/wire.h"

namespace faultbox::fis::actions {

Result<void> ApiFault::start(ActionContext& ctx) {
  const auto& roles = ctx.resources(std::string(wire::kRolesKey));
  for (const auto& role : roles) {
    FAULTBOX_TRY_VOID(ctx.authorize(permission_, role));
    fault_.role_arns.push_back(role.arn);
  }
  fault_id_ = ctx.experiment_id + "/" + ctx.action_name;
  ctx.api_faults.add_api_fault(fault_id_, fault_);
  ctx.log(fmt::format("{} for {}% of {} {} calls by {}", fault_.error_code, fault_.percentage,
                      fault_.service, fmt::join(fault_.operations, ", "),
                      fmt::join(fault_.role_arns, ", ")) +
          (fault_.zones.empty() ? "" : fmt::format(" in {}", fmt::join(fault_.zones, ", "))));
  mark_started(ctx);
  return {};
}

void ApiFault::release(ActionContext& ctx) {
  if (fault_id_.empty()) {
    return;
  }
  ctx.api_faults.remove_api_fault(fault_id_);
  ctx.log(fault_.error_code + " fault removed");
  fault_id_.clear();
}

namespace {
constexpr std::string_view kServices[] = {"ec2"};
}  // namespace

ActionSpec inject_api_error_spec(const std::string& action_id, const std::string& error_code,
                                 const std::string& permission, const std::string& description) {
  auto make = [action_id, error_code,
               permission](const StringMap& params) -> Result<std::unique_ptr<Action>> {
    FAULTBOX_TRY(duration, duration_parameter(action_id, params, "duration"));
    ApiFaultSpec fault;
    fault.error_code = error_code;
    fault.service = params.count("service") ? params.at("service") : "";
    if (std::find(std::begin(kServices), std::end(kServices), fault.service) ==
        std::end(kServices)) {
      return errors::validation("Invalid service \"" + fault.service +
                                "\": the lab injects API errors into ec2" +
                                (fault.service == "kinesis" ? " (it has no Kinesis)" : ""));
    }
    fault.operations = list_parameter(params, "operations");
    if (fault.operations.empty()) {
      return errors::validation(action_id +
                                " needs operations: API operation names separated by commas");
    }
    fault.percentage = static_cast<int>(integer_parameter(params, "percentage", 100));
    return std::unique_ptr<Action>(std::make_unique<ApiFault>(duration, fault, permission));
  };
  return {.id = action_id,
          .description = description,
          .targets = {{std::string(wire::kRolesKey), std::string(wire::kIamRole)}},
          .parameters = {{.name = "service",
                          .required = true,
                          .description = "The service whose API answers with the error: ec2."},
                         {.name = "operations",
                          .required = true,
                          .description = "The API operations (such as DescribeInstances), "
                                         "separated by commas."},
                         {.name = "percentage",
                          .required = true,
                          .type = ParamType::Integer,
                          .description = "The share of the calls that get the error (1 to 100).",
                          .min_value = 1,
                          .max_value = 100},
                         {.name = "duration",
                          .required = true,
                          .type = ParamType::IsoDuration,
                          .description = "How long the calls get the error (ISO 8601, PT1M to "
                                         "PT12H).",
                          .min = std::chrono::minutes(1),
                          .max = std::chrono::hours(12)}},
          .make = make};
}

}  // namespace faultbox::fis::actions
