// An event loop whose io_context (and, in io_uring builds, ring) is created on its own thread
// under an EventLoopRingScope: work posted from other threads, socket completions, timers and a
// stop from another thread all reach it promptly. A lost wake-up shows as a wait that times out.
#include "core/event_loop_ring.h"

#include <gtest/gtest.h>

#if defined(BOOST_ASIO_HAS_IO_URING)
#include <liburing.h>
#endif

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/local/connect_pair.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <future>
#include <string>
#include <thread>

namespace faultbox {
namespace {

namespace net = boost::asio;
using namespace std::chrono_literals;

constexpr auto kPrompt = 5s;  // far above a wake-up's microseconds, so only a lost one fails

// A loop thread that creates, runs and destroys its io_context, as the proxy's loops do; it
// destroys it once the test lets it (so a test may stop it and still hold it).
class LoopThread {
 public:
  LoopThread() {
    std::promise<net::io_context*> made;
    auto context = made.get_future();
    thread_ = std::thread([this, made = std::move(made), release = release_.get_future()]() mutable {
      EventLoopRingScope own_ring;
      net::io_context ioc{1};
      // The first I/O object makes the context's ring (in io_uring builds), here on its thread,
      // as the proxy's acceptor does.
      net::steady_timer first_io_object(ioc);
      auto guard = net::make_work_guard(ioc);
      made.set_value(&ioc);
      ioc.run();
      ended_.set_value();
      release.wait();
    });
    ioc_ = context.get();
  }
  ~LoopThread() {
    ioc_->stop();
    release_.set_value();
    thread_.join();
  }
  LoopThread(const LoopThread&) = delete;
  LoopThread& operator=(const LoopThread&) = delete;
  net::io_context& ioc() { return *ioc_; }
  std::future<void> ended() { return ended_.get_future(); }

 private:
  std::promise<void> ended_;
  std::promise<void> release_;
  net::io_context* ioc_ = nullptr;
  std::thread thread_;
};

TEST(EventLoopRing, ReportsTheSocketBackendOfThisBuild) {
  LoopThread loop;
  std::promise<void> ran;
  net::post(loop.ioc(), [&ran] { ran.set_value(); });
  ASSERT_EQ(ran.get_future().wait_for(kPrompt), std::future_status::ready);
  std::string mode = event_loop_ring_mode();
#if defined(BOOST_ASIO_HAS_IO_URING)
  // Where the kernel takes the set-up (6.0 and later), the loop's ring got it.
  io_uring probe{};
  io_uring_params params{};
  params.flags = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_COOP_TASKRUN;
  const bool kernel_has_it = io_uring_queue_init_params(2, &probe, &params) == 0;
  if (kernel_has_it) {
    io_uring_queue_exit(&probe);
  }
  EXPECT_EQ(mode, kernel_has_it ? "io_uring (rings owned by their event loops)" : "io_uring");
#else
  EXPECT_EQ(mode, "epoll");
#endif
}

TEST(EventLoopRing, WorkPostedFromAnotherThreadRunsEachTime) {
  LoopThread loop;
  for (int i = 0; i < 300; ++i) {
    std::promise<void> ran;
    net::post(loop.ioc(), [&ran] { ran.set_value(); });
    ASSERT_EQ(ran.get_future().wait_for(kPrompt), std::future_status::ready) << "post " << i;
    if (i % 50 == 0) {
      std::this_thread::sleep_for(20ms);  // the loop goes back to sleep in between
    }
  }
}

TEST(EventLoopRing, ReadsCompleteWhileTheLoopWaits) {
  LoopThread loop;
  net::local::stream_protocol::socket mine(loop.ioc());
  net::local::stream_protocol::socket theirs(loop.ioc());
  net::local::connect_pair(mine, theirs);
  for (int i = 0; i < 100; ++i) {
    std::promise<std::size_t> read;
    char byte = 0;
    // Started on the loop's thread, as the proxy starts its reads.
    net::post(loop.ioc(), [&] {
      mine.async_read_some(net::buffer(&byte, 1),
                           [&read](boost::system::error_code ec, std::size_t n) {
                             read.set_value(ec ? 0 : n);
                           });
    });
    std::this_thread::sleep_for(1ms);  // the read is waiting in the kernel
    net::post(loop.ioc(), [&theirs] {
      static const char kOne = 'x';
      boost::system::error_code ignored;
      net::write(theirs, net::buffer(&kOne, 1), ignored);
    });
    auto done = read.get_future();
    ASSERT_EQ(done.wait_for(kPrompt), std::future_status::ready) << "read " << i;
    EXPECT_EQ(done.get(), 1u);
  }
  std::promise<void> closed;
  net::post(loop.ioc(), [&] {
    mine.close();
    theirs.close();
    closed.set_value();
  });
  ASSERT_EQ(closed.get_future().wait_for(kPrompt), std::future_status::ready);
}

TEST(EventLoopRing, TimersArmedOnTheLoopFire) {
  LoopThread loop;
  net::steady_timer timer(loop.ioc());
  std::promise<void> fired;
  net::post(loop.ioc(), [&] {
    timer.expires_after(10ms);
    timer.async_wait([&fired](boost::system::error_code) { fired.set_value(); });
  });
  ASSERT_EQ(fired.get_future().wait_for(kPrompt), std::future_status::ready);
}

TEST(EventLoopRing, StopsWhenAnotherThreadStopsIt) {
  LoopThread loop;
  auto ended = loop.ended();
  loop.ioc().stop();
  ASSERT_EQ(ended.wait_for(kPrompt), std::future_status::ready);
}

}  // namespace
}  // namespace faultbox
