// Runner: the per-action state machine — startAfter ordering, polling, completion and failure.
#include <algorithm>

#include "fis/reasons.h"
#include "fis/runner.h"
#include "fis/wire.h"

namespace faultbox::fis {
namespace {

bool done(ActionStatus s) { return s == ActionStatus::Completed || s == ActionStatus::Skipped; }

}  // namespace

void Runner::advance_actions(Experiment& e, TimePoint now) {
  // Repeat so that an instant action's dependants start within the same tick.
  bool progressed = true;
  while (progressed && e.status == ExperimentStatus::Running) {
    progressed = poll_running_actions(e, now);
    if (e.status != ExperimentStatus::Running) {
      return;
    }
    progressed = start_ready_actions(e, now) || progressed;
  }
  if (e.status != ExperimentStatus::Running) {
    return;
  }
  const bool all_done = std::all_of(e.actions.begin(), e.actions.end(),
                                    [](const auto& entry) { return done(entry.second.status); });
  if (all_done) {
    e.status = ExperimentStatus::Completed;
    e.reason = reasons::kCompleted;
    e.end_time = now;
    e.add_log(now, std::string(reasons::kLogExperimentEnd),
              {{"experiment_state", {{"status", to_string(e.status)}, {"reason", e.reason}}}});
  }
}

bool Runner::poll_running_actions(Experiment& e, TimePoint now) {
  bool progressed = false;
  for (auto& [name, a] : e.actions) {
    if (a.status != ActionStatus::Running) {
      continue;
    }
    ActionContext ctx = context_for(e, name, now);
    ActionProgress p = a.impl->poll(ctx);
    if (p.state == ActionProgress::State::Completed) {
      end_action(e, name, ActionStatus::Completed, std::string(reasons::kActionCompleted), now);
      progressed = true;
    } else if (p.state == ActionProgress::State::Failed) {
      fail_action(e, name, errors::internal(p.reason), now);
      return true;
    }
  }
  return progressed;
}

bool Runner::start_ready_actions(Experiment& e, TimePoint now) {
  bool progressed = false;
  for (auto& [name, a] : e.actions) {
    if (a.status != ActionStatus::Pending) {
      continue;
    }
    const auto& after = a.definition.start_after;
    const bool ready = std::all_of(after.begin(), after.end(), [&](const std::string& before) {
      return done(e.actions.at(before).status);
    });
    if (!ready) {
      continue;
    }
    progressed = true;
    if (!start_action(e, name, now)) {
      return true;
    }
  }
  return progressed;
}

bool Runner::start_action(Experiment& e, const std::string& name, TimePoint now) {
  ExperimentAction& a = e.actions.at(name);
  a.start_time = now;
  if (e.actions_mode == wire::kSkipAll) {
    end_action(e, name, ActionStatus::Skipped, std::string(reasons::kActionSkippedMode), now);
    return true;
  }
  for (const auto& [key, target] : a.definition.targets) {
    auto it = e.resolved_targets.find(target);
    if (it == e.resolved_targets.end() || it->second.resources.empty()) {
      end_action(e, name, ActionStatus::Skipped, std::string(reasons::kActionSkippedNoTargets),
                 now);
      return true;
    }
  }
  a.status = ActionStatus::Initiating;
  a.reason.clear();
  e.add_log(now, std::string(reasons::kLogActionStart),
            {{"action_name", name},
             {"action_id", a.definition.action_id},
             {"parameters", a.definition.parameters}});
  auto made = make_impl(a);
  if (!made) {
    fail_action(e, name, made.error(), now);
    return false;
  }
  a.impl = std::move(*made);
  ActionContext ctx = context_for(e, name, now);
  if (auto started = a.impl->start(ctx); !started) {
    fail_action(e, name, started.error(), now);
    return false;
  }
  a.status = ActionStatus::Running;
  return true;
}

Result<std::unique_ptr<Action>> Runner::make_impl(const ExperimentAction& a) const {
  const ActionSpec* spec = env_.actions.find(a.definition.action_id);
  if (spec == nullptr) {
    return errors::validation("unknown action " + a.definition.action_id);
  }
  return spec->make(a.definition.parameters);
}

Result<void> Runner::rebuild_action(Experiment& e, const std::string& name, TimePoint now) {
  ExperimentAction& a = e.actions.at(name);
  a.resume_after_restart = false;
  FAULTBOX_TRY(made, make_impl(a));
  a.impl = std::move(made);
  // As of its recorded start: timed faults keep their end (a wait its remaining minutes). What it
  // logs now is stamped now: an experiment's log runs forward.
  ActionContext ctx = context_for(e, name, a.start_time.value_or(now), now);
  if (auto started = a.impl->start(ctx); !started) {
    a.impl.reset();
    return started.error();
  }
  e.add_log(now, std::string(reasons::kLogActionDetail),
            {{"action_name", name},
             {"message", "resumed after the lab restarted: the fault is in place again"}});
  return {};
}

void Runner::resume_actions(Experiment& e, TimePoint now) {
  for (auto& [name, a] : e.actions) {
    if (!a.resume_after_restart) {
      continue;
    }
    if (auto rebuilt = rebuild_action(e, name, now); !rebuilt) {
      const Error& error = rebuilt.error();
      fail_action(e, name,
                  Error(error.code, std::string(reasons::kActionNotResumed) + error.message,
                        error.http_status),
                  now);
      return;
    }
    a.status = ActionStatus::Running;
  }
}

void Runner::fail_action(Experiment& e, const std::string& name, const Error& error,
                         TimePoint now) {
  e.add_log(now, std::string(reasons::kLogActionError),
            {{"action_name", name}, {"error_information", error.to_string()}});
  end_action(e, name, ActionStatus::Failed, error.message, now);
  const std::string_view code = error.code == "AccessDeniedException"
                                    ? wire::kAuthorizationFailure
                                    : wire::kDependentServiceFailure;
  fail_experiment(e, code, name, "Action " + name + " failed: " + error.message, now);
}

void Runner::fail_experiment(Experiment& e, std::string_view code, const std::string& location,
                             const std::string& reason, TimePoint now) {
  for (auto& [name, a] : e.actions) {
    const bool active = a.status == ActionStatus::Running || a.status == ActionStatus::Initiating ||
                        a.status == ActionStatus::Stopping;
    if (active && a.impl) {
      ActionContext ctx = context_for(e, name, now);
      auto stopped = a.impl->stop(ctx);
      end_action(e, name, stopped ? ActionStatus::Stopped : ActionStatus::Failed,
                 stopped ? std::string(reasons::kActionStopped) : stopped.error().message, now);
    } else if (a.status == ActionStatus::Pending) {
      end_action(e, name, ActionStatus::Cancelled, std::string(reasons::kActionCancelled), now);
    }
  }
  e.status = ExperimentStatus::Failed;
  e.reason = reason;
  e.error_code = std::string(code);
  if (!location.empty()) {
    e.error_location = location;
  }
  e.end_time = now;
  e.add_log(now, std::string(reasons::kLogExperimentEnd),
            {{"experiment_state", {{"status", to_string(e.status)}, {"reason", e.reason}}}});
}

void Runner::end_action(Experiment& e, const std::string& name, ActionStatus status,
                        std::string reason, TimePoint now) {
  ExperimentAction& a = e.actions.at(name);
  a.status = status;
  a.reason = std::move(reason);
  if (status != ActionStatus::Cancelled) {
    a.end_time = now;
  }
  e.add_log(now, std::string(reasons::kLogActionEnd),
            {{"action_name", name},
             {"action_state", {{"status", to_string(status)}, {"reason", a.reason}}}});
}

ActionContext Runner::context_for(Experiment& e, const std::string& name, TimePoint now,
                                  std::optional<TimePoint> logged_at) {
  const ExperimentAction& a = e.actions.at(name);
  std::map<std::string, std::vector<ResolvedResource>> targets;
  for (const auto& [key, target] : a.definition.targets) {
    if (auto it = e.resolved_targets.find(target); it != e.resolved_targets.end()) {
      targets[key] = it->second.resources;
    }
  }
  Experiment* experiment = &e;
  return ActionContext{
      now,
      env_.ec2,
      env_.lambda,
      env_.capacity,
      env_.api_faults,
      env_.commands,
      env_.network,
      env_.alarms,
      env_.roles,
      e.definition.role_arn,
      std::move(targets),
      [experiment, name, at = logged_at.value_or(now)](const std::string& message) {
        experiment->add_log(at, std::string(reasons::kLogActionDetail),
                            {{"action_name", name}, {"message", message}});
      },
      e.id,
      name};
}

}  // namespace faultbox::fis
