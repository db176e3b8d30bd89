#include "fis/safety_lever.h"

namespace faultbox::fis {

nlohmann::json to_json(const SafetyLever& lever, const std::string& arn) {
  const char* status = lever.engaging ? "engaging" : lever.engaged ? "engaged" : "disengaged";
  nlohmann::json state = {{"status", status}};
  if (!lever.reason.empty()) {
    state["reason"] = lever.reason;
  }
  return {{"id", kSafetyLeverId}, {"arn", arn}, {"state", std::move(state)}};
}

}  // namespace faultbox::fis
