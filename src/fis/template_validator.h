// Semantic checks of an experiment template, run at create, after an update merge, and at start.
// Every failure is a ValidationException whose message names the offending value.
#pragma once

#include <optional>
#include <string>

#include "core/result.h"
#include "fis/action_registry.h"
#include "fis/experiment_template.h"
#include "fis/resource_directory.h"

namespace faultbox::fis {

// Where the template lives: ARNs it names must be in this region and account.
struct ValidationScope {
  std::string region;
  std::string account;
};

class TemplateValidator {
 public:
  // `roles` and `alarms` may be null: then role and alarm existence are not checked (offline
  // validation of a file); without a scope, ARNs are checked for form only. The registry and
  // directories must outlive the validator.
  TemplateValidator(const ActionRegistry& actions, const RoleDirectory* roles,
                    const AlarmDirectory* alarms,
                    std::optional<ValidationScope> scope = std::nullopt)
      : actions_(actions), roles_(roles), alarms_(alarms), scope_(std::move(scope)) {}

  // Checks, in order: required members, names, lengths and tags, experiment options, stop
  // conditions (source, alarm ARN, alarm exists), role (ARN, exists), targets (known type,
  // ARNs xor tags/filters, ARN form and scope, filters, selectionMode), actions (known id,
  // parameters, target keys and types), startAfter (known names, not itself, no cycle).
  Result<void> validate(const ExperimentTemplate& t) const;

 private:
  Result<void> validate_required(const ExperimentTemplate& t) const;
  Result<void> validate_names_and_tags(const ExperimentTemplate& t) const;
  Result<void> validate_options(const ExperimentTemplate& t) const;
  Result<void> validate_stop_conditions(const ExperimentTemplate& t) const;
  Result<void> validate_role(const ExperimentTemplate& t) const;
  // `what` names the ARN in messages; `service` is the ARN's expected service ("iam").
  Result<void> validate_arn_scope(const std::string& what, const std::string& arn,
                                  std::string_view service, bool regional) const;
  Result<void> validate_targets(const ExperimentTemplate& t) const;
  Result<void> validate_target(const std::string& name, const TemplateTarget& target) const;
  Result<void> validate_action(const ExperimentTemplate& t, const std::string& name,
                               const TemplateAction& a) const;
  Result<void> validate_parameters(const std::string& name, const TemplateAction& a,
                                   const ActionSpec& spec) const;
  Result<void> validate_action_targets(const ExperimentTemplate& t, const std::string& name,
                                       const TemplateAction& a, const ActionSpec& spec) const;
  Result<void> validate_order(const ExperimentTemplate& t) const;

  const ActionRegistry& actions_;
  const RoleDirectory* roles_;
  const AlarmDirectory* alarms_;
  std::optional<ValidationScope> scope_;
};

}  // namespace faultbox::fis
