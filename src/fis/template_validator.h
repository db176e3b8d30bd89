// Semantic checks of an experiment template, run at create, after an update merge, and at start.
// Every failure is a ValidationException whose message names the offending value.
#pragma once

#include "core/result.h"
#include "fis/action_registry.h"
#include "fis/experiment_template.h"
#include "fis/resource_directory.h"

namespace faultbox::fis {

class TemplateValidator {
 public:
  // `roles` and `alarms` may be null: then role and alarm existence are not checked (offline
  // validation of a file). The registry and directories must outlive the validator.
  TemplateValidator(const ActionRegistry& actions, const RoleDirectory* roles,
                    const AlarmDirectory* alarms)
      : actions_(actions), roles_(roles), alarms_(alarms) {}

  // Checks, in order: required members, experiment options, stop conditions (source, alarm
  // exists), role (exists), targets (type, ARNs xor tags/filters, selectionMode), actions (known
  // id, parameters, target keys and types), startAfter (known names, no cycle).
  Result<void> validate(const ExperimentTemplate& t) const;

 private:
  Result<void> validate_required(const ExperimentTemplate& t) const;
  Result<void> validate_options(const ExperimentTemplate& t) const;
  Result<void> validate_stop_conditions(const ExperimentTemplate& t) const;
  Result<void> validate_targets(const ExperimentTemplate& t) const;
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
};

}  // namespace faultbox::fis
