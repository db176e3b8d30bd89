// A bounded record of instance state changes (time, instance, AZ, new state), kept so reports can
// draw each instance's states over an experiment, also after a lab restart.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "compute/instance.h"
#include "core/clock.h"
#include "core/result.h"

namespace faultbox::compute {

struct StateTransition {
  TimePoint at;
  std::string instance_id;
  std::string availability_zone;
  InstanceState state;
};

inline constexpr std::size_t kDefaultStateHistory = 20'000;

class StateHistory {
 public:
  explicit StateHistory(std::size_t capacity = kDefaultStateHistory);

  // Appends; the oldest change is dropped beyond the capacity.
  void record(StateTransition t);
  // Puts saved (older) changes before those recorded since, e.g. the reboots a restore causes.
  void restore(std::vector<StateTransition> saved);
  const std::deque<StateTransition>& all() const { return items_; }
  // Grows with every record() and restore(): equal counts, equal history.
  std::uint64_t changes() const { return changes_; }

  struct Window {
    // Each instance's last state before `from`, stamped `from`; instances already terminated
    // then are left out.
    std::vector<StateTransition> initial;
    std::vector<StateTransition> changes;  // in [from, to), oldest first
  };
  Window window(TimePoint from, TimePoint to) const;

 private:
  void trim();

  std::size_t capacity_;
  std::deque<StateTransition> items_;
  std::uint64_t changes_ = 0;
};

// The store form: chunks of at most `per_chunk` changes, {"transitions": [[epoch ms, instance id,
// AZ, state name], ...]}, oldest first.
std::vector<nlohmann::json> state_history_chunks(const StateHistory& history,
                                                 std::size_t per_chunk = 1000);
// ValidationException naming the first malformed entry.
Result<std::vector<StateTransition>> state_history_from_chunk(const nlohmann::json& chunk);

}  // namespace faultbox::compute
