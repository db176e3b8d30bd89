// aws:ec2:api-insufficient-instance-capacity-error: for `duration`, RunInstances and
// StartInstances calls that the target roles make for the given zones fail with
// InsufficientInstanceCapacity, for `percentage` of the calls (api_fault.h).
#include <chrono>

#include "fis/action_registry.h"
#include "fis/actions/api_fault.h"
#include "fis/actions/parameters.h"
#include "fis/wire.h"

namespace faultbox::fis::actions {
namespace {

constexpr std::string_view kActionId = "aws:ec2:api-insufficient-instance-capacity-error";

Result<std::unique_ptr<Action>> make(const StringMap& params) {
  FAULTBOX_TRY(duration, duration_parameter(kActionId, params, "duration"));
  ApiFaultSpec fault;
  fault.error_code = "InsufficientInstanceCapacity";
  fault.service = "ec2";
  fault.operations = {"RunInstances", "StartInstances"};
  fault.zones = list_parameter(params, "availabilityZoneIdentifiers");
  if (fault.zones.empty()) {
    return errors::validation(std::string(kActionId) +
                              " needs availabilityZoneIdentifiers: zone names or ids, separated "
                              "by commas");
  }
  fault.percentage = static_cast<int>(integer_parameter(params, "percentage", 100));
  return std::unique_ptr<Action>(
      std::make_unique<ApiFault>(duration, std::move(fault), "ec2:InjectApiError"));
}

}  // namespace

ActionSpec api_insufficient_instance_capacity_error() {
  return {.id = std::string(kActionId),
          .description = "Make the target roles' instance launches in the given Availability "
                         "Zones fail with InsufficientInstanceCapacity.",
          .targets = {{std::string(wire::kRolesKey), std::string(wire::kIamRole)}},
          .parameters = {{.name = "duration",
                          .required = true,
                          .type = ParamType::IsoDuration,
                          .description = "How long launches fail (ISO 8601, PT1M to PT12H).",
                          .min = std::chrono::minutes(1),
                          .max = std::chrono::hours(12)},
                         {.name = "availabilityZoneIdentifiers",
                          .required = true,
                          .description = "The Availability Zones (names such as eu-west-2a, or "
                                         "ids such as euw2-az1), separated by commas."},
                         {.name = "percentage",
                          .required = true,
                          .type = ParamType::Integer,
                          .description = "The share of launch calls that fail (1 to 100).",
                          .min_value = 1,
                          .max_value = 100}},
          .make = make};
}

}  // namespace faultbox::fis::actions
