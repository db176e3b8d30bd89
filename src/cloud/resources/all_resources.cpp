// Registers every resource type listed in all_resources.def.
#include "cloud/resource_handler.h"

namespace faultbox::cloud {

namespace resources {
#define FAULTBOX_RESOURCE(name) ResourceHandler name();
#include "cloud/resources/all_resources.def"
#undef FAULTBOX_RESOURCE
}  // namespace resources

const std::vector<ResourceHandler>& all_resource_handlers() {
  static const std::vector<ResourceHandler> kHandlers = {
#define FAULTBOX_RESOURCE(name) resources::name(),
#include "cloud/resources/all_resources.def"
#undef FAULTBOX_RESOURCE
  };
  return kHandlers;
}

}  // namespace faultbox::cloud
