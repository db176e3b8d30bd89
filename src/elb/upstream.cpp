// Upstream connection pool and socket deadline of the proxy.
#include "elb/upstream.h"

#include <utility>

namespace faultbox::elb::detail {
namespace {

// Backends commonly close idle keep-alive connections after 5 s to a minute; reusing an older
// one mostly meets a closed socket, so it is dropped instead.
constexpr auto kMaxIdle = std::chrono::seconds(4);

}  // namespace

std::unique_ptr<Upstream> UpstreamPool::acquire() {
  std::unique_ptr<Upstream> conn;
  std::vector<std::unique_ptr<Upstream>> expired;
  auto oldest_ok = std::chrono::steady_clock::now() - kMaxIdle;
  {
    std::lock_guard lock(mutex_);
    while (!idle_.empty() && !conn) {
      auto candidate = std::move(idle_.back());
      idle_.pop_back();
      if (candidate->idle_since >= oldest_ok) {
        conn = std::move(candidate);
      } else {
        expired.push_back(std::move(candidate));
      }
    }
  }
  return conn;  // `expired` closes its sockets here, outside the lock
}

void UpstreamPool::release(std::unique_ptr<Upstream> conn) {
  conn->idle_since = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  if (idle_.size() < max_idle_) {
    idle_.push_back(std::move(conn));
  }
}

Deadline::Deadline(const net::any_io_executor& strand) : state_(std::make_shared<State>(strand)) {}

Deadline::~Deadline() { disarm(); }

void Deadline::arm(tcp::socket& socket, std::chrono::milliseconds after) {
  auto& st = *state_;
  st.socket = &socket;
  st.expired = false;
  ++st.generation;
  st.timer.expires_after(after);
  st.timer.async_wait([sp = state_, gen = st.generation](boost::system::error_code ec) {
    // A handler already queued when disarm() ran still sees success; the generation tells.
    if (ec || gen != sp->generation || sp->socket == nullptr) {
      return;
    }
    sp->expired = true;
    boost::system::error_code ignored;
    sp->socket->cancel(ignored);
  });
}

bool Deadline::disarm() {
  auto& st = *state_;
  st.socket = nullptr;
  ++st.generation;
  st.timer.cancel();
  return st.expired;
}

}  // namespace faultbox::elb::detail
