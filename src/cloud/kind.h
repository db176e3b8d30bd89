// One stateful kind of the simulated account (instances, launch templates, groups, balancers,
// and every kind added later): it keeps its resources, saves them as store records and comes
// back from them after a lab restart. Kinds are listed once, in all_kinds.def; the Cloud makes
// them in that order, restores them in that order and ticks them in that order.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/result.h"

namespace faultbox::cloud {

// Store records by store kind ("instance", "launch_template", ...): (id, body) pairs.
using RecordList = std::vector<std::pair<std::string, nlohmann::json>>;
using Records = std::map<std::string, RecordList>;

class Kind {
 public:
  virtual ~Kind() = default;
  // Appends this kind's records to `out`.
  virtual void save(Records& out) const = 0;
  // As save(), for the lab's saves before it answers a call (they must cost little): a kind may
  // leave out of `out` a store kind none of whose records changed since its last
  // save_changes(), and give a record that did not change as store::SnapshotWriter::unchanged().
  virtual void save_changes(Records& out) { save(out); }
  // The records of the last save_changes() were not saved: the next gives them all again.
  virtual void forget_saved_changes() {}
  // Reads this kind's records back; the kinds listed before this one are restored already.
  // A record that is not readable may throw nlohmann::json::exception (the Cloud reports it).
  virtual Result<void> restore(const Records& saved) = 0;
  // Drives the kind to `now` (lab time), every ~50 ms real; most kinds have nothing to do.
  virtual void tick(TimePoint) {}
};

// The records of one store kind in `saved`, none when it has none.
const RecordList& records_of(const Records& saved, const std::string& kind);

}  // namespace faultbox::cloud
