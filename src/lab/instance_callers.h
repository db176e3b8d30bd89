// Whether a request to the metadata service (/_imds/<id>/, or 169.254.169.254 by the address it
// comes from) or to the SSM agent's routes (/_ssm/<id>/) comes from that instance's own programs.
// On EC2 only the instance reaches its metadata. Here every instance and every user of the
// machine shares loopback, where an instance id in a path can be guessed and any process may bind
// any 127.x address; so the lab asks the kernel which socket the connection comes from
// (net/peer_socket.h) and whether one of the instance's processes holds it
// (compute/process_tree.h).
#pragma once

#include <optional>

#include "compute/instance.h"
#include "core/error.h"
#include "net/http_message.h"

namespace faultbox::lab {

class InstanceCallers {
 public:
  // nullopt when `request` comes from one of `instance`'s processes; otherwise the 403 to
  // answer. Where the kernel cannot say which socket calls (no socket diagnostics), the lab
  // trusts the address and path as before, and says so in its log once.
  std::optional<Error> refusal(const net::HttpRequest& request, const compute::Instance& instance);

 private:
  bool said_untrusted_ = false;
};

}  // namespace faultbox::lab
