// A fault action: its spec (what ListActions/GetAction show and the validator checks) and the
// running instance the experiment runner drives with start / poll / stop.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "fis/json_input.h"
#include "fis/resource_directory.h"

namespace faultbox::fis {

enum class ParamType { String, IsoDuration, Boolean, Integer };

struct ActionParameterSpec {
  std::string name;
  bool required = false;
  ParamType type = ParamType::String;
  std::string description;
  std::string default_value;    // empty: none
  std::optional<Duration> min;  // bounds for IsoDuration values
  std::optional<Duration> max;
  std::optional<long> min_value;  // bounds for Integer values
  std::optional<long> max_value;
};

// One resolved resource an action acts on.
struct ResolvedResource {
  std::string resource_type;
  std::string arn;
  std::string id;  // e.g. the instance id
};

// What an action sees while it runs. Built by the runner for each call; actions never sleep:
// they compare now() with times they recorded.
struct ActionContext {
  TimePoint tick_time;
  Ec2Control& ec2;
  LambdaControl& lambda;
  CapacityControl& capacity;
  ApiFaultControl& api_faults;
  CommandControl& commands;
  NetworkControl& network;
  const AlarmDirectory& alarms;
  const RoleDirectory& roles;
  std::string role_arn;
  // Target key ("Instances") → the resources its target resolved to at experiment start.
  std::map<std::string, std::vector<ResolvedResource>> targets;
  std::function<void(const std::string&)> log;
  std::string experiment_id;
  std::string action_name;

  TimePoint now() const { return tick_time; }
  // AccessDeniedException, worded as AWS does, when the role may not do `api_action` on it.
  Result<void> authorize(std::string_view api_action, const ResolvedResource& r) const;
  const std::vector<ResolvedResource>& resources(const std::string& key) const;
};

struct ActionProgress {
  enum class State { Running, Completed, Failed };
  State state = State::Running;
  std::string reason;

  static ActionProgress running() { return {State::Running, ""}; }
  static ActionProgress completed() { return {State::Completed, ""}; }
  static ActionProgress failed(std::string why) { return {State::Failed, std::move(why)}; }
};

class Action {
 public:
  virtual ~Action() = default;
  // Applies the fault. An error fails the action (and so the experiment).
  virtual Result<void> start(ActionContext& ctx) = 0;
  // Called every tick while running.
  virtual ActionProgress poll(ActionContext& ctx) = 0;
  // The experiment is stopping: undo reversible faults. Idempotent.
  virtual Result<void> stop(ActionContext& ctx) = 0;
};

// Builds an action from its (already validated) parameters.
using ActionFactory = std::function<Result<std::unique_ptr<Action>>(const StringMap& parameters)>;

struct ActionSpec {
  std::string id;  // "aws:ec2:stop-instances"
  std::string description;
  std::map<std::string, std::string> targets;  // target key → resource type
  std::vector<ActionParameterSpec> parameters;
  ActionFactory make;

  const ActionParameterSpec* parameter(const std::string& name) const;
};

// The factory for an action class constructible from its parameters.
template <class T>
Result<std::unique_ptr<Action>> make_action(const StringMap& parameters) {
  FAULTBOX_TRY(action, T::create(parameters));
  return std::unique_ptr<Action>(std::move(action));
}

}  // namespace faultbox::fis
