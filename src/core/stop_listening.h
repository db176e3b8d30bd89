// Stops a listening socket without closing it: the port takes no more connections, and a pending
// accept returns at once, as does any later one (operation_aborted, or invalid_argument from the
// shut-down listener). The accept's handler then closes the acceptor (close_listener).
// Closing it while the accept is in the kernel is not safe with Asio 1.81's io_uring backend: the
// accept would be handed the next socket opened (see core/socket_deadline.h), or, if the
// io_context goes first, be destroyed after the socket service it needs (a use-after-free).
#pragma once

#include <sys/socket.h>

#include <boost/system/error_code.hpp>

namespace faultbox {

template <class Acceptor>
void stop_listening(Acceptor& acceptor) {
  if (!acceptor.is_open()) {
    return;
  }
  ::shutdown(acceptor.native_handle(), SHUT_RD);  // a listener shut down stops listening
  boost::system::error_code ignored;
  acceptor.cancel(ignored);
}

// For the accept's handler, once the accept has returned after stop_listening().
template <class Acceptor>
void close_listener(Acceptor& acceptor) {
  boost::system::error_code ignored;
  acceptor.close(ignored);
}

}  // namespace faultbox
