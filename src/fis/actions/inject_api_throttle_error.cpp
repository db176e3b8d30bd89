// aws:fis:inject-api-throttle-error: for `duration`, the target roles' calls to the given
// operations of the service answer RequestLimitExceeded, for `percentage` of the calls
// (api_fault.h).
#include "fis/action_registry.h"
#include "fis/actions/api_fault.h"

namespace faultbox::fis::actions {

ActionSpec inject_api_throttle_error() {
  return inject_api_error_spec(
      "aws:fis:inject-api-throttle-error", "RequestLimitExceeded", "fis:InjectApiThrottleError",
      "Make the target roles' calls to the API fail with a throttling error.");
}

}  // namespace faultbox::fis::actions
