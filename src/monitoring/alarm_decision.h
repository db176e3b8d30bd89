// One alarm evaluation as a pure function: which periods it looks at, and which state the
// datapoints of those periods call for (M out of N, with treat-missing-data), with the reason.
#pragma once

#include <chrono>
#include <optional>
#include <vector>

#include "core/clock.h"
#include "monitoring/alarm.h"
#include "monitoring/alarm_spec.h"
#include "monitoring/statistic.h"

namespace faultbox::monitoring {

// The lab's metrics reach the store within a second of the second they describe, so a period
// counts as complete this long after its end.
inline constexpr Duration kDataLag = std::chrono::seconds(1);

// [start, end): the last EvaluationPeriods complete periods at `now`. Periods are aligned to
// multiples of Period since the epoch; the newest one ends at the latest boundary <= now - lag.
// E.g. Period 10 s at 03:41:21.000 evaluates up to the period [03:41:10, 03:41:20).
struct EvaluationWindow {
  TimePoint start;
  TimePoint end;
};
EvaluationWindow evaluation_window(const AlarmSpec& spec, TimePoint now);

// One period of the window; `values` is empty when the period has no data (missing).
struct PeriodValue {
  TimePoint start;
  std::optional<StatisticSet> values;
};

// The state `periods` (oldest first, one per period of `window`) call for, or nullopt to keep
// the current state. See alarm_decision.cpp for the rules.
std::optional<StateChange> decide(const AlarmSpec& spec, const std::vector<PeriodValue>& periods,
                                  const EvaluationWindow& window, AlarmState current,
                                  TimePoint now);

}  // namespace faultbox::monitoring
