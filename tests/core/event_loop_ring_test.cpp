// An event loop whose io_context (and, in io_uring builds, ring) is created on its own thread
// under an EventLoopRingScope: work posted from other threads, socket completions, timers and a
// stop from another thread all reach it promptly. A lost wake-up shows as a wait that times out.
#include "core/event_loop_ring.h"

#include <gtest/gtest.h>

#if defined(BOOST_ASIO_HAS_IO_URING)
#include <liburing.h>
#endif

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/local/connect_pair.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace faultbox {
namespace {

namespace net = boost::asio;
using namespace std::chrono_literals;

constexpr auto kPrompt = 5s;  // far above a wake-up's microseconds, so only a lost one fails

// A loop thread that creates, runs and destroys its io_context, as the proxy's loops do; it
// destroys it once the test lets it (so a test may stop it and still hold it).
class LoopThread {
 public:
  explicit LoopThread(bool yield_after_large_submissions = false) {
    std::promise<net::io_context*> made;
    auto context = made.get_future();
    thread_ = std::thread([this, yield_after_large_submissions, made = std::move(made),
                           release = release_.get_future()]() mutable {
      EventLoopRingScope own_ring(yield_after_large_submissions);
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

// Whether loops get rings of their own here: io_uring builds on kernels with the set-up (6.0
// and later).
bool loops_own_their_rings() {
#if defined(BOOST_ASIO_HAS_IO_URING)
  io_uring probe{};
  io_uring_params params{};
  params.flags = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_COOP_TASKRUN;
  if (io_uring_queue_init_params(2, &probe, &params) != 0) {
    return false;
  }
  io_uring_queue_exit(&probe);
  return true;
#else
  return false;
#endif
}

TEST(EventLoopRing, ReportsTheSocketBackendOfThisBuild) {
  LoopThread loop;
  std::promise<void> ran;
  net::post(loop.ioc(), [&ran] { ran.set_value(); });
  ASSERT_EQ(ran.get_future().wait_for(kPrompt), std::future_status::ready);
  std::string mode = event_loop_ring_mode();
#if defined(BOOST_ASIO_HAS_IO_URING)
  EXPECT_EQ(mode,
            loops_own_their_rings() ? "io_uring (rings owned by their event loops)" : "io_uring");
#else
  EXPECT_EQ(mode, "epoll");
#endif
}

// Starts `count` reads at once on the loop (one submission in io_uring builds), then answers
// them all from this thread; returns how many completed with their byte.
std::size_t read_at_once(LoopThread& loop, std::size_t count) {
  using Socket = net::local::stream_protocol::socket;
  std::vector<std::unique_ptr<Socket>> mine;
  std::vector<std::unique_ptr<Socket>> theirs;
  for (std::size_t i = 0; i < count; ++i) {
    mine.push_back(std::make_unique<Socket>(loop.ioc()));
    theirs.push_back(std::make_unique<Socket>(loop.ioc()));
    net::local::connect_pair(*mine.back(), *theirs.back());
  }
  std::vector<char> bytes(count, 0);
  std::atomic<std::size_t> read{0};
  std::promise<void> all_read;
  std::promise<void> started;
  net::post(loop.ioc(), [&] {
    for (std::size_t i = 0; i < count; ++i) {
      mine[i]->async_read_some(net::buffer(&bytes[i], 1),
                               [&, count](boost::system::error_code ec, std::size_t n) {
                                 if (!ec && n == 1 && ++read == count) {
                                   all_read.set_value();
                                 }
                               });
    }
    started.set_value();
  });
  started.get_future().wait();
  std::this_thread::sleep_for(5ms);  // the reads are waiting in the kernel
  for (auto& socket : theirs) {
    static const char kOne = 'x';
    net::write(*socket, net::buffer(&kOne, 1));
  }
  all_read.get_future().wait_for(kPrompt);
  std::promise<void> closed;
  net::post(loop.ioc(), [&] {
    for (auto* side : {&mine, &theirs}) {
      for (auto& socket : *side) {
        socket->close();
      }
    }
    closed.set_value();
  });
  closed.get_future().wait();
  return read.load();
}

TEST(EventLoopRing, AYieldingLoopYieldsAfterLargeSubmissionsOnly) {
  LoopThread loop(/*yield_after_large_submissions=*/true);
  const auto before = event_loop_yields();
  for (int i = 0; i < 20; ++i) {
    ASSERT_EQ(read_at_once(loop, 1), 1u);
  }
  EXPECT_EQ(event_loop_yields(), before) << "one read at a time is a small submission";
  ASSERT_EQ(read_at_once(loop, 2 * kYieldAfterEntries), 2 * kYieldAfterEntries);
  if (loops_own_their_rings()) {
    EXPECT_GT(event_loop_yields(), before);
    EXPECT_EQ(std::string(event_loop_ring_mode()),
              "io_uring (rings owned by their event loops, yielding after large submissions)");
  } else {
    EXPECT_EQ(event_loop_yields(), before) << "only a loop's own ring yields";
  }
}

TEST(EventLoopRing, ALoopWithoutYieldingNeverYields) {
  LoopThread loop(/*yield_after_large_submissions=*/false);
  const auto before = event_loop_yields();
  ASSERT_EQ(read_at_once(loop, 2 * kYieldAfterEntries), 2 * kYieldAfterEntries);
  EXPECT_EQ(event_loop_yields(), before);
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
      mine.async_read_some(
          net::buffer(&byte, 1),
          [&read](boost::system::error_code ec, std::size_t n) { read.set_value(ec ? 0 : n); });
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
