// Runner: experiment lifecycle (start, initiate, stop conditions, stop, finish).
#include "fis/runner.h"

#include <algorithm>

#include "core/arn.h"
#include "fis/reasons.h"
#include "fis/template_validator.h"
#include "fis/wire.h"

namespace faultbox::fis {

using nlohmann::json;

Runner::Runner(RunnerEnvironment env, std::string region, std::string account,
               std::uint64_t id_seed)
    : env_(env), region_(std::move(region)), account_(std::move(account)), id_rng_(id_seed) {}

Result<const Experiment*> Runner::start(const ExperimentTemplate& t, const StartOptions& options,
                                        TimePoint now) {
  if (options.actions_mode != wire::kRunAll && options.actions_mode != wire::kSkipAll) {
    return errors::validation("Invalid actionsMode \"" + options.actions_mode +
                              "\": expected run-all or skip-all");
  }
  FAULTBOX_TRY_VOID(
      TemplateValidator(env_.actions, &env_.roles, &env_.alarms, ValidationScope{region_, account_})
          .validate(t));
  Experiment e;
  e.id = make_id("EXP", id_rng_);
  e.arn = arn::fis_experiment(region_, account_, e.id);
  e.definition = t;
  e.status = ExperimentStatus::Initiating;
  e.reason = reasons::kInitiating;
  e.seed = options.seed ? *options.seed : id_rng_();
  e.actions_mode = options.actions_mode;
  e.client_token = options.client_token;
  e.tags = options.tags;
  e.creation_time = now;
  e.start_time = now;
  for (const auto& [name, a] : t.actions) {
    ExperimentAction& action = e.actions[name];
    action.definition = a;
    action.reason = reasons::kActionInitial;
  }
  e.add_log(now, std::string(reasons::kLogExperimentStart),
            {{"experiment_template_id", t.id}, {"seed", std::to_string(e.seed)}});
  if (lever_.engaged) {
    cancel(e, now);
  }
  const std::string id = e.id;
  order_.push_back(id);
  auto [it, inserted] = experiments_.emplace(id, std::move(e));
  return &it->second;
}

Result<const Experiment*> Runner::stop(const std::string& id, TimePoint now) {
  auto it = experiments_.find(id);
  if (it == experiments_.end()) {
    return errors::not_found("Experiment " + id + " not found");
  }
  Experiment& e = it->second;
  if (!e.terminal() && e.status != ExperimentStatus::Stopping) {
    begin_stop(e, reasons::kStoppedByUser, now);
  }
  return &e;
}

Result<const SafetyLever*> Runner::set_safety_lever(bool engaged, std::string reason,
                                                    TimePoint now) {
  if (reason.empty()) {
    return errors::validation("The safety lever's state needs a reason.");
  }
  if (engaged == lever_.engaged) {
    return errors::conflict(std::string("The safety lever is already ") +
                            (engaged ? "engaged." : "disengaged."));
  }
  lever_.engaged = engaged;
  lever_.reason = std::move(reason);
  if (engaged) {
    for (auto& [id, e] : experiments_) {
      if (!e.terminal() && e.status != ExperimentStatus::Stopping) {
        begin_stop(e, reasons::kStoppedBySafetyLever, now);
      }
    }
  }
  update_lever_engaging();
  return &lever_;
}

void Runner::update_lever_engaging() {
  lever_.engaging =
      lever_.engaged && std::any_of(experiments_.begin(), experiments_.end(),
                                    [](const auto& entry) { return !entry.second.terminal(); });
}

void Runner::cancel(Experiment& e, TimePoint now) {
  for (auto& [name, a] : e.actions) {
    end_action(e, name, ActionStatus::Cancelled, std::string(reasons::kActionCancelled), now);
  }
  e.status = ExperimentStatus::Cancelled;
  e.reason = reasons::kCancelledBySafetyLever;
  e.end_time = now;
  e.add_log(now, std::string(reasons::kLogExperimentEnd),
            {{"experiment_state", {{"status", to_string(e.status)}, {"reason", e.reason}}}});
}

void Runner::tick(TimePoint now) {
  for (const auto& id : order_) {
    Experiment& e = experiments_.at(id);
    if (e.status == ExperimentStatus::Initiating) {
      initiate(e, now);
    } else if (e.status == ExperimentStatus::Running) {
      resume_actions(e, now);
      if (e.status == ExperimentStatus::Running) {
        check_stop_conditions(e, now);
      }
      if (e.status == ExperimentStatus::Running) {
        advance_actions(e, now);
      }
    } else if (e.status == ExperimentStatus::Stopping) {
      finish_stop(e, now);
    }
  }
  update_lever_engaging();
}

void Runner::restore(Experiment e) {
  auto id = e.id;
  if (!experiments_.contains(id)) {
    order_.push_back(id);
  }
  experiments_.insert_or_assign(id, std::move(e));
}

const Experiment* Runner::find(const std::string& id) const {
  auto it = experiments_.find(id);
  return it == experiments_.end() ? nullptr : &it->second;
}

Result<void> Runner::set_tags(const std::string& id, StringMap tags) {
  auto it = experiments_.find(id);
  if (it == experiments_.end()) {
    return errors::not_found("Experiment " + id + " not found.");
  }
  it->second.tags = std::move(tags);
  return {};
}

std::vector<const Experiment*> Runner::list() const {
  std::vector<const Experiment*> out;
  for (const auto& id : order_) {
    out.push_back(&experiments_.at(id));
  }
  return out;
}

void Runner::initiate(Experiment& e, TimePoint now) {
  const ExperimentTemplate& t = e.definition;
  if (!env_.roles.role_exists(t.role_arn) || !env_.roles.role_trusts_fis(t.role_arn)) {
    fail_experiment(e, wire::kAuthorizationFailure, "",
                    "Role " + t.role_arn + " does not exist or cannot be assumed.", now);
    return;
  }
  // An alarm already in ALARM keeps the experiment from starting at all.
  for (const auto& c : t.stop_conditions) {
    if (c.source != wire::kSourceAlarm || !c.value) {
      continue;
    }
    auto state = env_.alarms.alarm_state(*c.value);
    if (state && *state == AlarmState::Alarm) {
      fail_experiment(e, wire::kConfigurationFailure, "",
                      "Stop condition alarm " + *c.value +
                          " is in ALARM state; the experiment "
                          "did not start.",
                      now);
      return;
    }
  }
  if (auto resolved = resolve_targets(e, now); !resolved) {
    return;
  }
  e.status = ExperimentStatus::Running;
  e.reason = reasons::kRunning;
  advance_actions(e, now);
}

Result<void> Runner::resolve_targets(Experiment& e, TimePoint now) {
  const ExperimentTemplate& t = e.definition;
  std::mt19937_64 rng(e.seed);
  TargetResolver resolver(env_.resources);
  const bool skip_empty = t.experiment_options.empty_target_resolution_mode == wire::kModeSkip;
  for (const auto& [name, target] : t.targets) {
    auto resolved = resolver.resolve(name, target, rng);
    if (!resolved) {
      fail_experiment(e, wire::kInvalidTarget, name, resolved.error().message, now);
      return resolved.error();
    }
    json arns = json::array();
    for (const auto& r : resolved->resources) {
      arns.push_back({{"arn", r.arn}});
    }
    e.add_log(now, std::string(reasons::kLogTargetResolutionEnd),
              {{"target_name", name},
               {"target_type", target.resource_type},
               {"resolved_targets", arns},
               {"resolved_targets_count", arns.size()}});
    if (resolved->resources.empty() && !skip_empty) {
      const std::string why = "Target " + name + " resolved to no resources.";
      fail_experiment(e, wire::kInvalidTarget, name, why, now);
      return errors::validation(why);
    }
    e.resolved_targets[name] = std::move(*resolved);
  }
  return {};
}

void Runner::check_stop_conditions(Experiment& e, TimePoint now) {
  for (const auto& c : e.definition.stop_conditions) {
    if (c.source != wire::kSourceAlarm || !c.value) {
      continue;
    }
    auto state = env_.alarms.alarm_state(*c.value);
    if (state && *state == AlarmState::Alarm) {
      e.add_log(now, "stop-condition", {{"alarm_arn", *c.value}, {"state", "ALARM"}});
      begin_stop(e, reasons::kHaltedByStopCondition, now);
      return;
    }
  }
}

void Runner::begin_stop(Experiment& e, std::string_view final_reason, TimePoint now) {
  e.status = ExperimentStatus::Stopping;
  e.reason = reasons::kStopping;
  e.stop_reason = final_reason;
  for (auto& [name, a] : e.actions) {
    if (a.status == ActionStatus::Running || a.status == ActionStatus::Initiating) {
      a.status = ActionStatus::Stopping;
      a.reason.clear();
    } else if (a.status == ActionStatus::Pending) {
      end_action(e, name, ActionStatus::Cancelled, std::string(reasons::kActionCancelled), now);
    }
  }
}

void Runner::finish_stop(Experiment& e, TimePoint now) {
  for (auto& [name, a] : e.actions) {
    if (a.status != ActionStatus::Stopping) {
      continue;
    }
    // Post actions (e.g. restarting stopped instances) run even when the experiment stops; an
    // action the lab restarted under is rebuilt first, so that it knows what to undo.
    auto rebuilt = a.resume_after_restart ? rebuild_action(e, name, now) : Result<void>();
    ActionContext ctx = context_for(e, name, now);
    auto stopped = !rebuilt ? Result<void>(rebuilt.error())
                   : a.impl ? a.impl->stop(ctx)
                            : Result<void>();
    if (stopped) {
      end_action(e, name, ActionStatus::Stopped, std::string(reasons::kActionStopped), now);
    } else {
      end_action(e, name, ActionStatus::Failed, stopped.error().message, now);
    }
  }
  e.status = ExperimentStatus::Stopped;
  e.reason = e.stop_reason;
  e.end_time = now;
  e.add_log(now, std::string(reasons::kLogExperimentEnd),
            {{"experiment_state", {{"status", to_string(e.status)}, {"reason", e.reason}}}});
}

}  // namespace faultbox::fis
