// `experiments watch` and `experiments start --watch`: the live view of one experiment.
#pragma once

#include <string>

#include "cli/commands.h"

namespace faultbox::cli {

// Follows an experiment to its end. On a terminal the view (actions, stop-condition alarms,
// healthy hosts, traffic strip) is redrawn in place; otherwise a line is printed whenever
// something in it changes. At the end: the whole traffic strip and the report's figures. Exit
// status as `--wait` promises: 0 completed, 2 stopped, 1 failed (CommandFailed).
void watch_experiment(const GlobalOptions& global, const std::string& id);

}  // namespace faultbox::cli
