// The two UTC time spellings CloudWatch's alarm texts use (always UTC, whatever TZ says).
#pragma once

#include <string>

#include "core/clock.h"

namespace faultbox::monitoring {

// StateReason's datapoint stamps: "25/11/26 03:41:10" (dd/mm/yy HH:MM:SS).
std::string reason_time(TimePoint t);
// StateReasonData and HistoryData stamps: "2026-11-25T03:41:10.000+0000".
std::string reason_data_time(TimePoint t);
// API timestamps: "2026-11-25T03:41:10.000Z".
std::string api_time(TimePoint t);

}  // namespace faultbox::monitoring
