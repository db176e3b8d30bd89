// What `experiments watch` and the console show while an experiment runs: the experiment, the
// state of its stop-condition alarms, and per load balancer its healthy hosts against the group's
// desired capacity and its traffic second by second.
#pragma once

#include <nlohmann/json.hpp>

#include "cloud/cloud.h"

namespace faultbox::cloud {

// {"experiment": GetExperiment's object, "labTime": epoch seconds,
//  "alarms": [{"name", "arn", "state"}],
//  "balancers": [{"name", "healthy", "unhealthy", "desired" (null without a group),
//                 "seconds": [{"t": epoch seconds at the second's start, "requests", "failed"}]}]}
// `seconds` covers the experiment from 10 s before its start (at most the last `max_seconds`).
// ResourceNotFoundException for an unknown experiment.
Result<nlohmann::json> experiment_live(Cloud& cloud, const std::string& region,
                                       const std::string& experiment_id,
                                       std::size_t max_seconds = 900);

}  // namespace faultbox::cloud
