// The service adapters listed in all_services.def.
#pragma once

#include "api/service.h"

namespace faultbox::api {

#define FAULTBOX_API_SERVICE(name) const Service& name();
#include "api/services/all_services.def"
#undef FAULTBOX_API_SERVICE

}  // namespace faultbox::api
