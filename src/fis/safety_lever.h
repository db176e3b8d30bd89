// The account's FIS safety lever in a region (its id is always "default"): engaging it stops the
// running experiments and keeps new ones from running (they end `cancelled`) until it is
// disengaged.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/clock.h"

namespace faultbox::fis {

inline constexpr std::string_view kSafetyLeverId = "default";

struct SafetyLever {
  bool engaged = false;
  std::string reason;
  // While engaging, experiments it stopped are still settling (the API says "engaging").
  bool engaging = false;
};

// GetSafetyLever's "safetyLever" object.
nlohmann::json to_json(const SafetyLever& lever, const std::string& arn);

}  // namespace faultbox::fis
