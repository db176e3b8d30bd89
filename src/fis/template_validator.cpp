// Template-level checks: required members, names and tags, options, stop conditions, role.
#include "fis/template_validator.h"

#include <algorithm>
#include <cctype>

#include "core/arn.h"
#include "fis/wire.h"

namespace faultbox::fis {
namespace {

constexpr std::size_t kMaxActions = 20;
constexpr std::size_t kMaxStopConditions = 5;
constexpr std::size_t kMaxDescription = 512;
constexpr std::size_t kMaxName = 64;
constexpr std::size_t kMaxTags = 50;
constexpr std::size_t kMaxTagKey = 128;
constexpr std::size_t kMaxTagValue = 256;

Error missing(std::string_view what) {
  return errors::validation("Missing required parameter in input: \"" + std::string(what) + "\"");
}

// Action and target names: 1 to 64 characters, none of them white space (the model's [\S]+).
bool valid_name(const std::string& name) {
  return !name.empty() && name.size() <= kMaxName &&
         std::none_of(name.begin(), name.end(),
                      [](unsigned char c) { return std::isspace(c) != 0 || std::iscntrl(c) != 0; });
}

Error bad_name(std::string_view kind, const std::string& name) {
  return errors::validation("Invalid " + std::string(kind) + " name \"" + name +
                            "\": names are 1 to 64 characters without white space");
}

}  // namespace

Result<void> TemplateValidator::validate(const ExperimentTemplate& t) const {
  FAULTBOX_TRY_VOID(validate_required(t));
  FAULTBOX_TRY_VOID(validate_names_and_tags(t));
  FAULTBOX_TRY_VOID(validate_options(t));
  FAULTBOX_TRY_VOID(validate_stop_conditions(t));
  FAULTBOX_TRY_VOID(validate_role(t));
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
  if (t.description.size() > kMaxDescription) {
    return errors::validation("description is " + std::to_string(t.description.size()) +
                              " characters long; at most 512 are allowed");
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
    return errors::validation("Missing required parameter in input: \"stopConditions\" (use "
                              "[{\"source\": \"none\"}] for none)");
  }
  return {};
}

Result<void> TemplateValidator::validate_names_and_tags(const ExperimentTemplate& t) const {
  for (const auto& [name, a] : t.actions) {
    if (!valid_name(name)) {
      return bad_name("action", name);
    }
    if (a.description.size() > kMaxDescription) {
      return errors::validation("Action \"" + name +
                                "\": description is longer than 512 characters");
    }
  }
  for (const auto& [name, target] : t.targets) {
    if (!valid_name(name)) {
      return bad_name("target", name);
    }
  }
  if (t.tags.size() > kMaxTags) {
    return errors::validation("The template has " + std::to_string(t.tags.size()) +
                              " tags; at most 50 are allowed");
  }
  for (const auto& [key, value] : t.tags) {
    if (key.empty() || key.size() > kMaxTagKey) {
      return errors::validation("Invalid tag key \"" + key + "\": keys are 1 to 128 characters");
    }
    if (key.rfind("aws:", 0) == 0) {
      return errors::validation("Invalid tag key \"" + key +
                                "\": the aws: prefix is reserved for AWS use");
    }
    if (value.size() > kMaxTagValue) {
      return errors::validation("Invalid value for tag \"" + key +
                                "\": values are at most 256 characters");
    }
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
    return errors::validation("The template has " + std::to_string(t.stop_conditions.size()) +
                              " stop conditions; at most 5 are allowed");
  }
  for (const auto& c : t.stop_conditions) {
    if (c.source == wire::kSourceNone) {
      if (c.value) {
        return errors::validation("Stop condition source \"none\" takes no value, got \"" +
                                  *c.value + "\"");
      }
      if (t.stop_conditions.size() > 1) {
        return errors::validation(
            "Stop condition source \"none\" cannot be combined with other stop conditions");
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
    const std::string what = "Stop condition alarm " + *c.value;
    auto arn = parse_arn(*c.value);
    if (!arn || arn->resource.rfind("alarm:", 0) != 0 || arn->resource.size() <= 6) {
      return errors::validation(
          what + " is not an alarm ARN (arn:aws:cloudwatch:<region>:<account>:alarm:<name>)");
    }
    FAULTBOX_TRY_VOID(validate_arn_scope(what, *c.value, "cloudwatch", true));
    if (alarms_ != nullptr && !alarms_->alarm_exists(*c.value)) {
      return errors::validation(what + " does not exist");
    }
  }
  return {};
}

Result<void> TemplateValidator::validate_role(const ExperimentTemplate& t) const {
  auto arn = parse_arn(t.role_arn);
  if (!arn || arn->resource.rfind("role/", 0) != 0 || arn->resource.size() <= 5) {
    return errors::validation("Invalid roleArn \"" + t.role_arn +
                              "\": expected arn:aws:iam::<account>:role/<name>");
  }
  FAULTBOX_TRY_VOID(validate_arn_scope("roleArn " + t.role_arn, t.role_arn, "iam", false));
  if (roles_ != nullptr && !roles_->role_exists(t.role_arn)) {
    return errors::validation("Role " + t.role_arn + " does not exist");
  }
  if (roles_ != nullptr && !roles_->role_trusts_fis(t.role_arn)) {
    return errors::validation("Role " + t.role_arn +
                              " cannot be assumed by fis.amazonaws.com: its trust policy does not "
                              "allow fis.amazonaws.com to call sts:AssumeRole");
  }
  return {};
}

Result<void> TemplateValidator::validate_arn_scope(const std::string& what, const std::string& text,
                                                   std::string_view service, bool regional) const {
  auto arn = parse_arn(text);
  if (!arn) {
    return errors::validation(what + " is not a valid ARN");
  }
  if (arn->service != service) {
    return errors::validation(what + " is an ARN of service " + arn->service + ", expected " +
                              std::string(service));
  }
  if (!is_account_id(arn->account)) {
    return errors::validation(what + " has no valid 12-digit account id");
  }
  if (regional && arn->region.empty()) {
    return errors::validation(what + " names no region");
  }
  if (!scope_) {
    return {};
  }
  if (arn->account != scope_->account) {
    return errors::validation(what + " is in account " + arn->account + ", not this account (" +
                              scope_->account + ")");
  }
  if (regional && arn->region != scope_->region) {
    return errors::validation(what + " is in region " + arn->region + ", but the template is in " +
                              scope_->region);
  }
  return {};
}

}  // namespace faultbox::fis
