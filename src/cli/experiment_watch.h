// `experiments watch` and `experiments start --watch`: the live view of one experiment.
#pragma once

#include <string>

#include "cli/commands.h"

namespace faultbox::cli {

// Follows an experiment to its end. On a terminal the view (actions, stop-condition alarms,
// healthy hosts, traffic strip) is redrawn in place; otherwise a line is printed whenever
// something in it changes. At the end: the whole traffic strip and the report's figures.
// Returns the final status ("completed", "stopped", "failed", "cancelled").
std::string watch_experiment(const GlobalOptions& global, const std::string& id);

// Ends the command as `--wait` promises: returns for completed, else CommandFailed with exit
// code 2 for stopped, 1 otherwise.
void exit_for_status(const std::string& status);

}  // namespace faultbox::cli
