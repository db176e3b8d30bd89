#include "lab/instance_callers.h"

#include <spdlog/spdlog.h>

#include "compute/process_tree.h"
#include "net/peer_socket.h"

namespace faultbox::lab {

namespace {
Error not_the_instance(const compute::Instance& instance, const std::string& why) {
  return Error{"AccessDenied",
               "this connection does not come from a process of instance " + instance.id + " (" +
                   why + "); the lab answers an instance's metadata and commands to it alone",
               403};
}
}  // namespace

std::optional<Error> InstanceCallers::refusal(const net::HttpRequest& request,
                                              const compute::Instance& instance) {
  if (instance.pid <= 0) return not_the_instance(instance, "it runs no process");
  auto caller = net::peer_socket(net::ends_of(request));
  if (!caller) {
    if (net::connection_gone(caller.error())) {
      return not_the_instance(instance, "the connection is gone");
    }
    if (!said_untrusted_) {
      said_untrusted_ = true;
      spdlog::warn(
          "The metadata service and the SSM agent's routes trust whoever names an instance or "
          "binds its address: {}",
          caller.error().message);
    }
    return std::nullopt;
  }
  if (!compute::process_tree_holds_socket(instance.pid, caller->inode)) {
    return not_the_instance(instance, "no process of the instance holds its socket");
  }
  return std::nullopt;
}

}  // namespace faultbox::lab
