// Gathers what a report shows about one experiment: the experiment, its targets and log, the
// region's load-balancer metrics around it, and the transitions of its stop-condition alarms.
#pragma once

#include "cloud/cloud.h"
#include "report/report.h"

namespace faultbox::cloud {

// ResourceNotFoundException for an unknown experiment.
Result<report::ReportInput> experiment_report_input(Cloud& cloud, const std::string& region,
                                                    const std::string& experiment_id);

}  // namespace faultbox::cloud
