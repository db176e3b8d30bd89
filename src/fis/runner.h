// The experiment runner: StartExperiment / StopExperiment and the state machines, driven by
// tick(now). Never sleeps and owns no thread; the lab calls tick on its control strand.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "core/result.h"
#include "fis/action_registry.h"
#include "fis/experiment.h"
#include "fis/resource_directory.h"
#include "fis/safety_lever.h"

namespace faultbox::fis {

// Everything the runner acts through; all must outlive it.
struct RunnerEnvironment {
  const ActionRegistry& actions;
  const ResourceDirectory& resources;
  Ec2Control& ec2;
  const AlarmDirectory& alarms;
  const RoleDirectory& roles;
  LambdaControl& lambda;
  CapacityControl& capacity;
  ApiFaultControl& api_faults;
  CommandControl& commands;
  NetworkControl& network;
};

struct StartOptions {
  std::optional<std::uint64_t> seed;  // target selection seed; drawn at random when absent
  StringMap tags;
  std::string actions_mode = "run-all";  // or "skip-all": resolve targets, skip every action
  std::string client_token;
};

class Runner {
 public:
  Runner(RunnerEnvironment env, std::string region, std::string account,
         std::uint64_t id_seed = std::random_device{}());

  // StartExperiment: re-validates the template, snapshots it, and returns the experiment in
  // `initiating` (targets are resolved on the next tick). Errors: ValidationException.
  Result<const Experiment*> start(const ExperimentTemplate& t, const StartOptions& options,
                                  TimePoint now);
  // StopExperiment: an active experiment goes `stopping` (pending actions `cancelled`) and
  // settles to `stopped` on the next tick; a finished one is returned unchanged.
  // Errors: ResourceNotFoundException.
  Result<const Experiment*> stop(const std::string& id, TimePoint now);
  // Advances every active experiment: target resolution, stop conditions, action progress.
  void tick(TimePoint now);

  // UpdateSafetyLeverState: engaging stops every active experiment (the lever reads `engaging`
  // until they have settled); experiments started while it is engaged end `cancelled`.
  // Errors: ValidationException for an empty reason, ConflictException when it already is in
  // that state.
  Result<const SafetyLever*> set_safety_lever(bool engaged, std::string reason, TimePoint now);
  const SafetyLever& safety_lever() const { return lever_; }
  // Puts back a lever saved before a lab restart (its experiments were saved on their own).
  void restore_safety_lever(SafetyLever lever) { lever_ = std::move(lever); }

  // Puts back an experiment saved before a lab restart (see experiment_record.h); it keeps its
  // place in the start order. One that was active carries on at the next tick: its running
  // actions are rebuilt as of their start times (faults applied again, timed ends kept), or
  // rolled back when it was stopping.
  void restore(Experiment e);

  const Experiment* find(const std::string& id) const;
  // TagResource / UntagResource on an experiment: replaces its tags.
  // Errors: ResourceNotFoundException.
  Result<void> set_tags(const std::string& id, StringMap tags);
  std::vector<const Experiment*> list() const;  // in start order

 private:
  void initiate(Experiment& e, TimePoint now);
  Result<void> resolve_targets(Experiment& e, TimePoint now);
  void check_stop_conditions(Experiment& e, TimePoint now);
  void begin_stop(Experiment& e, std::string_view final_reason, TimePoint now);
  void finish_stop(Experiment& e, TimePoint now);
  // An experiment started while the safety lever is engaged: it ends at once, nothing run.
  void cancel(Experiment& e, TimePoint now);
  void update_lever_engaging();
  void advance_actions(Experiment& e, TimePoint now);
  bool start_ready_actions(Experiment& e, TimePoint now);
  bool poll_running_actions(Experiment& e, TimePoint now);
  bool start_action(Experiment& e, const std::string& name, TimePoint now);
  Result<std::unique_ptr<Action>> make_impl(const ExperimentAction& a) const;
  // An action that was active when the lab restarted (see experiment_record.h): made again and
  // started as of its recorded start time.
  Result<void> rebuild_action(Experiment& e, const std::string& name, TimePoint now);
  void resume_actions(Experiment& e, TimePoint now);
  void fail_action(Experiment& e, const std::string& name, const Error& error, TimePoint now);
  void fail_experiment(Experiment& e, std::string_view code, const std::string& location,
                       const std::string& reason, TimePoint now);
  void end_action(Experiment& e, const std::string& name, ActionStatus status, std::string reason,
                  TimePoint now);
  // `now` is the action's time; what it logs is stamped `logged_at` (default: `now`), so that an
  // action rebuilt as of its recorded start after a restart logs at the time it is rebuilt.
  ActionContext context_for(Experiment& e, const std::string& name, TimePoint now,
                            std::optional<TimePoint> logged_at = std::nullopt);

  RunnerEnvironment env_;
  std::string region_;
  std::string account_;
  std::mt19937_64 id_rng_;
  std::map<std::string, Experiment> experiments_;
  std::vector<std::string> order_;
  SafetyLever lever_;
};

}  // namespace faultbox::fis
