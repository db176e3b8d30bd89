// A time limit on a socket's operations. Once it has passed, the socket is shut down and its
// pending operations are cancelled, so they return at once (the caller asks expired() to tell a
// timeout from another error); closing the socket is left to its owner, once they have returned.
// Beast's tcp_stream closes the socket instead. With Asio 1.81's io_uring backend, a socket
// closed while an operation is in the kernel hands that operation the next socket opened, its
// descriptor and its data (bench/RESULTS.md, session 12), so no socket is closed with an
// operation pending.
#pragma once

#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>

namespace faultbox {

template <class Socket>
class SocketDeadline {
 public:
  explicit SocketDeadline(Socket& socket) : state_(std::make_shared<State>(socket)) {}
  ~SocketDeadline() { expires_never(); }  // a wait already completing then leaves the socket
  SocketDeadline(const SocketDeadline&) = delete;
  SocketDeadline& operator=(const SocketDeadline&) = delete;

  // Arms the limit, or moves it: `limit` from now.
  void expires_after(std::chrono::steady_clock::duration limit) {
    state_->timer.expires_after(limit);
    state_->timer.async_wait(
        [state = state_, armed = ++state_->armed](const boost::system::error_code& ec) {
          // A wait that completed just before the limit moved still completes without an error.
          if (ec || armed != state->armed) {
            return;  // moved, disarmed or destroyed
          }
          state->expired = true;
          boost::system::error_code ignored;
          state->socket->shutdown(Socket::shutdown_both, ignored);
          state->socket->cancel(ignored);
        });
  }

  void expires_never() {
    ++state_->armed;
    state_->timer.cancel();
  }

  // True once the limit has passed (it stays so): the socket is shut down.
  bool expired() const { return state_->expired; }

 private:
  struct State {
    explicit State(Socket& s) : socket(&s), timer(s.get_executor()) {}
    Socket* socket;  // touched only by a wait armed while the deadline lives
    boost::asio::steady_timer timer;
    bool expired = false;
    unsigned armed = 0;  // counts the limits set, so that only the last one's wait acts
  };
  std::shared_ptr<State> state_;
};

}  // namespace faultbox
