// Experiments as saved records, so that `experiments list/get` and reports survive a lab restart.
// The record is the lab's own format (millisecond times, the template snapshot as GetExperiment-
// Template JSON); it is not an API shape.
#pragma once

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "fis/experiment.h"

namespace faultbox::fis {

nlohmann::json experiment_record(const Experiment& e);

// Reads a record back. An experiment that was still active when it was saved (the lab stopped or
// was killed) comes back active, to be resumed by the runner: its running and stopping actions
// are marked `resume_after_restart`, and an experiment-resume log record says so.
Result<Experiment> experiment_from_record(const nlohmann::json& record, TimePoint now);

// A template saved as GetExperimentTemplate JSON, back through CreateExperimentTemplate's parser
// (output-only members dropped, then id, ARN and times put back).
Result<ExperimentTemplate> template_from_saved(const nlohmann::json& saved);

}  // namespace faultbox::fis
