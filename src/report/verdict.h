// The report's one-line answer: how the experiment ended and why, in one sentence.
#pragma once

#include <string>
#include <vector>

#include "report/experiment_view.h"
#include "report/report.h"

namespace faultbox::report {

enum class VerdictKind { Completed, StoppedByStopCondition, StoppedByUser, Failed, InProgress };

struct Verdict {
  VerdictKind kind = VerdictKind::InProgress;
  std::string code;         // "completed", "stopped-by-stop-condition", "stopped-by-user",
                            // "failed", "in-progress"
  std::string title;        // "Completed", "Stopped by stop condition", ...
  std::string explanation;  // one sentence
};

// A stopped experiment counts as halted by a stop condition when its reason says so, or when its
// reason names no cause and a stop-condition alarm went to ALARM between its start and end;
// otherwise a user stopped it.
// `cancelled` reads as stopped by user; a non-terminal status is in progress.
Verdict decide_verdict(const ExperimentView& experiment, const std::vector<AlarmMark>& alarms);

}  // namespace faultbox::report
