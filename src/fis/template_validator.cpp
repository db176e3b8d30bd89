// Template-level checks: required members, options, stop conditions, role, targets.
#include "fis/template_validator.h"

#include "fis/target_resolver.h"
#include "fis/wire.h"

namespace faultbox::fis {
namespace {

constexpr std::size_t kMaxResourceArns = 5;
constexpr std::size_t kMaxActions = 20;
constexpr std::size_t kMaxStopConditions = 5;

Error missing(std::string_view what) {
  return errors::validation("Missing required parameter in input: \"" + std::string(what) + "\"");
}

}  // namespace

Result<void> TemplateValidator::validate(const ExperimentTemplate& t) const {
  FAULTBOX_TRY_VOID(validate_required(t));
  FAULTBOX_TRY_VOID(validate_options(t));
  FAULTBOX_TRY_VOID(validate_stop_conditions(t));
  if (roles_ != nullptr && !roles_->role_exists(t.role_arn)) {
    return errors::validation("Role " + t.role_arn +
                              " does not exist or cannot be assumed by "
                              "fis.amazonaws.com");
  }
  FAULTBOX_TRY_VOID(validate_targets(t));
  for (const auto& [name, action] : t.actions) {
    FAULTBOX_TRY_VOID(validate_action(t, name, action));
  }
  return validate_order(t);
}

Result<void> TemplateValidator::validate_required(const ExperimentTemplate& t) const {
  if (t.description.empty()) {
    return missing(wire::kDescription);
  }
  if (t.description.size() > 512) {
    return errors::validation("description is longer than 512 characters");
  }
  if (t.role_arn.empty()) {
    return missing(wire::kRoleArn);
  }
  if (t.actions.empty()) {
    return errors::validation("The template needs at least one action in \"actions\"");
  }
  if (t.actions.size() > kMaxActions) {
    return errors::validation("The template has " + std::to_string(t.actions.size()) +
                              " actions; at most " + std::to_string(kMaxActions) + " are allowed");
  }
  if (t.stop_conditions.empty()) {
    return errors::validation(
        "Missing required parameter in input: \"stopConditions\" (use "
        "[{\"source\": \"none\"}] for none)");
  }
  return {};
}

Result<void> TemplateValidator::validate_options(const ExperimentTemplate& t) const {
  const auto& o = t.experiment_options;
  if (o.account_targeting != wire::kSingleAccount && o.account_targeting != wire::kMultiAccount) {
    return errors::validation("Invalid accountTargeting \"" + o.account_targeting +
                              "\": expected single-account or multi-account");
  }
  if (o.empty_target_resolution_mode != wire::kModeFail &&
      o.empty_target_resolution_mode != wire::kModeSkip) {
    return errors::validation("Invalid emptyTargetResolutionMode \"" +
                              o.empty_target_resolution_mode + "\": expected fail or skip");
  }
  return {};
}

Result<void> TemplateValidator::validate_stop_conditions(const ExperimentTemplate& t) const {
  if (t.stop_conditions.size() > kMaxStopConditions) {
    return errors::validation("At most 5 stop conditions are allowed");
  }
  for (const auto& c : t.stop_conditions) {
    if (c.source == wire::kSourceNone) {
      if (c.value || t.stop_conditions.size() > 1) {
        return errors::validation(
            "Stop condition source \"none\" takes no value and cannot be "
            "combined with other stop conditions");
      }
      continue;
    }
    if (c.source != wire::kSourceAlarm) {
      return errors::validation("Invalid stop condition source \"" + c.source +
                                "\": expected aws:cloudwatch:alarm or none");
    }
    if (!c.value || c.value->empty()) {
      return errors::validation("Stop condition aws:cloudwatch:alarm needs the alarm ARN in value");
    }
    if (alarms_ != nullptr && !alarms_->alarm_exists(*c.value)) {
      return errors::validation("Stop condition alarm " + *c.value + " does not exist");
    }
  }
  return {};
}

Result<void> TemplateValidator::validate_targets(const ExperimentTemplate& t) const {
  for (const auto& [name, target] : t.targets) {
    const std::string where = "Target \"" + name + "\"";
    if (target.resource_type.empty()) {
      return errors::validation(where + ": missing resourceType");
    }
    if (target.selection_mode.empty()) {
      return errors::validation(where + ": missing selectionMode");
    }
    FAULTBOX_TRY_VOID(parse_selection_mode(target.selection_mode, name));
    const bool by_arns = !target.resource_arns.empty();
    const bool by_tags = !target.resource_tags.empty() || !target.filters.empty();
    if (by_arns && by_tags) {
      return errors::validation(where +
                                ": resourceArns cannot be combined with resourceTags "
                                "or filters");
    }
    if (!by_arns && !by_tags && target.parameters.empty()) {
      return errors::validation(where + ": specify resourceArns, resourceTags or filters");
    }
    if (target.resource_arns.size() > kMaxResourceArns) {
      return errors::validation(where + ": at most 5 resourceArns are allowed");
    }
  }
  return {};
}

}  // namespace faultbox::fis
