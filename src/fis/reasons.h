// State reasons the lab reports. AWS's texts are used where they were observed; the rest is lab
// wording (AWS says its reasons are not for automation).
#pragma once

#include <string_view>

namespace faultbox::fis::reasons {

// Experiment states.
inline constexpr std::string_view kInitiating = "Experiment is initiating.";
inline constexpr std::string_view kRunning = "Experiment is running.";
inline constexpr std::string_view kCompleted = "Experiment completed.";
inline constexpr std::string_view kStopping = "Stopping Experiment.";
inline constexpr std::string_view kHaltedByStopCondition = "Experiment halted by stop condition.";
inline constexpr std::string_view kStoppedByUser = "Experiment stopped by user.";
inline constexpr std::string_view kStoppedBySafetyLever =
    "Experiment stopped by the engaged safety lever.";
inline constexpr std::string_view kCancelledBySafetyLever =
    "Experiment cancelled: the safety lever is engaged.";

// Action states.
inline constexpr std::string_view kActionInitial = "Initial state.";
inline constexpr std::string_view kActionCompleted = "Action was completed.";
inline constexpr std::string_view kActionStopped = "Action was stopped.";
inline constexpr std::string_view kActionCancelled =
    "Action was cancelled: the experiment ended before it started.";
inline constexpr std::string_view kActionSkippedNoTargets =
    "Action was skipped: its targets resolved to no resources.";
inline constexpr std::string_view kActionSkippedMode = "Action was skipped (actionsMode skip-all).";
inline constexpr std::string_view kActionNotResumed =
    "The lab restarted while the action ran, and it could not be resumed: ";

// Log record types (FIS log schema version 2, plus the lab's action-detail).
inline constexpr std::string_view kLogExperimentStart = "experiment-start";
inline constexpr std::string_view kLogTargetResolutionEnd = "target-resolution-end";
inline constexpr std::string_view kLogActionStart = "action-start";
inline constexpr std::string_view kLogActionError = "action-error";
inline constexpr std::string_view kLogActionEnd = "action-end";
inline constexpr std::string_view kLogActionDetail = "action-detail";
inline constexpr std::string_view kLogExperimentEnd = "experiment-end";
// The lab's own: the lab restarted and the experiment carries on (its active actions listed).
inline constexpr std::string_view kLogExperimentResume = "experiment-resume";

}  // namespace faultbox::fis::reasons
