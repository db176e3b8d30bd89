// Upstream connection pool and the lazily checked deadlines of the proxy.
#include "elb/upstream.h"

#include <time.h>

#include <algorithm>
#include <array>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <tuple>
#include <utility>

namespace faultbox::elb::detail {
namespace {

// Backends commonly close idle keep-alive connections after 5 s to a minute; reusing an older
// one mostly meets a closed socket, so it is dropped instead.
constexpr auto kMaxIdle = std::chrono::seconds(4);

}  // namespace

SteadyClock::time_point coarse_now() {
  timespec now{};
  ::clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
  return SteadyClock::time_point(std::chrono::duration_cast<SteadyClock::duration>(
      std::chrono::seconds(now.tv_sec) + std::chrono::nanoseconds(now.tv_nsec)));
}

std::unique_ptr<Upstream> UpstreamPool::acquire() {
  std::unique_ptr<Upstream> conn;
  std::vector<std::unique_ptr<Upstream>> expired;
  auto oldest_ok = coarse_now() - kMaxIdle;
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
  conn->idle_since = coarse_now();
  std::lock_guard lock(mutex_);
  if (idle_.size() < max_idle_) {
    idle_.push_back(std::move(conn));
  }
}

Watch::Watch(WatchList& list, Socket& home) : list_(list), home_(home) {
  next_ = list_.head_;
  if (next_ != nullptr) {
    next_->prev_ = this;
  }
  list_.head_ = this;
  ++list_.size_;
}

Watch::~Watch() {
  if (prev_ != nullptr) {
    prev_->next_ = next_;
  } else {
    list_.head_ = next_;
  }
  if (next_ != nullptr) {
    next_->prev_ = prev_;
  }
  --list_.size_;
}

void Watch::arm(Socket& socket, std::chrono::milliseconds after) {
  socket_ = &socket;
  deadline_ = coarse_now() + after;
  expired_ = false;
}

bool Watch::disarm() {
  socket_ = nullptr;
  bool expired = expired_;
  expired_ = false;
  return expired;
}

void WatchList::sweep(SteadyClock::time_point now) {
  for (Watch* w = head_; w != nullptr; w = w->next_) {
    if (w->socket_ != nullptr && !w->expired_ && w->deadline_ <= now) {
      w->expired_ = true;
      boost::system::error_code ignored;
      w->socket_->cancel(ignored);  // completions are posted, so the list stays as it is
    }
  }
}

void WatchList::shut_down_all() {
  for (Watch* w = head_; w != nullptr; w = w->next_) {
    boost::system::error_code ignored;
    w->home_.shutdown(tcp::socket::shutdown_both, ignored);
    w->home_.cancel(ignored);  // closed once its operation has returned (core/socket_deadline.h)
    if (w->socket_ != nullptr) {
      w->socket_->cancel(ignored);
    }
  }
}

}  // namespace faultbox::elb::detail

namespace faultbox::elb::detail {
namespace {

// Enough for a request header or a small answer in one read; larger messages take more reads.
constexpr std::size_t kReadChunk = 4096;

}  // namespace

Task<boost::system::error_code> read_some(Socket& socket, beast::flat_buffer& buffer) {
  auto [ec, n] = co_await socket.async_read_some(buffer.prepare(kReadChunk), kNoThrow);
  buffer.commit(n);
  co_return ec;
}

namespace {

std::array<net::const_buffer, 2> both(std::string_view first, std::string_view second) {
  return {net::buffer(first.data(), first.size()), net::buffer(second.data(), second.size())};
}

}  // namespace

Task<void> yield_to_loop(Socket& socket) {
  if constexpr (kRingSockets) {
    co_return;  // a read is queued in the ring, not tried at once
  }
  co_await net::post(socket.get_executor(), net::use_awaitable_t<Executor>{});
}

bool write_now(Socket& socket, std::string_view& first, std::string_view& second,
               boost::system::error_code& ec) {
  ec = {};
  if constexpr (kRingSockets) {
    return first.empty() && second.empty();
  }
  while (!first.empty() || !second.empty()) {
    auto n = socket.write_some(both(first, second), ec);
    if (ec == net::error::would_block || ec == net::error::try_again) {
      ec = {};
      return false;
    }
    if (ec) {
      return true;
    }
    auto from_first = std::min(n, first.size());
    first.remove_prefix(from_first);
    second.remove_prefix(n - from_first);
  }
  return true;
}

Task<boost::system::error_code> write_all(Socket& socket, std::string_view first,
                                          std::string_view second) {
  boost::system::error_code ec;
  if constexpr (kRingSockets) {
    std::tie(ec, std::ignore) = co_await net::async_write(socket, both(first, second), kNoThrow);
    co_return ec;
  }
  while (!write_now(socket, first, second, ec)) {
    std::tie(ec) = co_await socket.async_wait(Socket::wait_write, kNoThrow);
    if (ec) {
      break;
    }
  }
  co_return ec;
}

}  // namespace faultbox::elb::detail
