// Experiments as saved records, so that `experiments list/get` and reports survive a lab restart.
// The record is the lab's own format (millisecond times, the template snapshot as GetExperiment-
// Template JSON); it is not an API shape.
#pragma once

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "fis/experiment.h"

namespace faultbox::fis {

nlohmann::json experiment_record(const Experiment& e);

// Reads a record back. An experiment that was still active when it was saved comes back
// `failed`: its actions cannot be resumed in a new lab process, and saying so beats pretending.
Result<Experiment> experiment_from_record(const nlohmann::json& record, TimePoint now);

// A template saved as GetExperimentTemplate JSON, back through CreateExperimentTemplate's parser
// (output-only members dropped, then id, ARN and times put back).
Result<ExperimentTemplate> template_from_saved(const nlohmann::json& saved);

}  // namespace faultbox::fis
