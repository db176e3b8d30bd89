// aws:fis:inject-api-internal-error: for `duration`, the target roles' calls to the given
// operations of the service answer InternalError, for `percentage` of the calls (api_fault.h).
#include "fis/action_registry.h"
#include "fis/actions/api_fault.h"

namespace faultbox::fis::actions {

ActionSpec inject_api_internal_error() {
  return inject_api_error_spec(
      "aws:fis:inject-api-internal-error", "InternalError", "fis:InjectApiInternalError",
      "Make the target roles' calls to the API fail with an internal error.");
}

}  // namespace faultbox::fis::actions
