// aws:fis:inject-api-unavailable-error: for `duration`, the target roles' calls to the given
// operations of the service answer Unavailable, for `percentage` of the calls (api_fault.h).
#include "fis/action_registry.h"
#include "fis/actions/api_fault.h"

namespace faultbox::fis::actions {

ActionSpec inject_api_unavailable_error() {
  return inject_api_error_spec(
      "aws:fis:inject-api-unavailable-error", "Unavailable", "fis:InjectApiUnavailableError",
      "Make the target roles' calls to the API fail with an unavailable error.");
}

}  // namespace faultbox::fis::actions
