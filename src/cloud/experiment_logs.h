// FIS experiment logs in CloudWatch Logs: each record of an experiment whose template names a
// log group (logConfiguration.cloudWatchLogsConfiguration) becomes one event, in the FIS log
// format, in a stream named after the experiment.
#pragma once

#include "cloud/region_services.h"

namespace faultbox::cloud {

// Delivers the records added since the last call. Call after each runner tick.
void ship_experiment_logs(RegionServices& r);

// A template's log destination must exist in the region: ValidationException naming the log
// group otherwise (checked at create, update and start, as FIS does).
Result<void> check_log_destination(const RegionServices& r, const fis::ExperimentTemplate& t);

}  // namespace faultbox::cloud
