// A socket's deadline: once passed, the socket's pending operations return at once and the
// socket can then be closed safely, also with Asio 1.81's io_uring backend, where a socket closed
// with a read in the kernel hands that read the next socket's descriptor and data.
#include "core/socket_deadline.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/connect_pair.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <chrono>

#include "core/support/one_byte_reads.h"

namespace faultbox {
namespace {

namespace net = boost::asio;
using Socket = testing::LocalSocket;
using namespace std::chrono_literals;

using testing::expect_read_byte;
using testing::send_byte;
using Read = testing::OneByteRead;

// Runs the context until `read` is done, or 5 s at most.
void run_until(net::io_context& ioc, const Read& read) {
  ioc.restart();
  const auto give_up = std::chrono::steady_clock::now() + 5s;
  while (!read.result && std::chrono::steady_clock::now() < give_up) {
    ioc.run_one_for(100ms);
  }
}

// A connected pair of local sockets: `mine` is the one with the deadline.
class SocketDeadlineTest : public ::testing::Test {
 protected:
  void SetUp() override { net::local::connect_pair(mine, theirs); }
  net::io_context ioc{1};
  Socket mine{ioc};
  Socket theirs{ioc};
};

TEST_F(SocketDeadlineTest, EndsAWaitingReadOncePassed) {
  SocketDeadline deadline(mine);
  deadline.expires_after(20ms);
  Read read;
  read.start(mine);
  const auto started = std::chrono::steady_clock::now();
  run_until(ioc, read);
  ASSERT_TRUE(read.result.has_value()) << "the read outlived its deadline";
  EXPECT_TRUE(*read.result) << "the read succeeded with nothing sent";
  EXPECT_TRUE(deadline.expired());
  EXPECT_GE(std::chrono::steady_clock::now() - started, 20ms);
}

TEST_F(SocketDeadlineTest, MovedOrDisarmedItLeavesTheSocketAlone) {
  SocketDeadline deadline(mine);
  deadline.expires_after(10ms);
  deadline.expires_after(10s);  // moved
  Read first;
  first.start(mine);
  ioc.restart();
  ioc.run_for(100ms);
  EXPECT_FALSE(first.result.has_value()) << "ended early: " << first.result->message();
  EXPECT_FALSE(deadline.expired());

  deadline.expires_never();
  send_byte(theirs, 'a');
  run_until(ioc, first);
  expect_read_byte(first, 'a');
}

TEST_F(SocketDeadlineTest, DestroyedBeforeItsTimeItLeavesTheSocketAlone) {
  {
    SocketDeadline deadline(mine);
    deadline.expires_after(1ms);
  }
  ioc.restart();
  ioc.run_for(50ms);  // the cancelled wait completes and must not touch the socket
  Read read;
  read.start(mine);
  send_byte(theirs, 'b');
  run_until(ioc, read);
  expect_read_byte(read, 'b');
}

// The close comes after the read returned: the sockets opened next, which take the closed one's
// place in Asio's bookkeeping and its descriptor number, get their own data.
TEST(SocketDeadline, ASocketClosedAfterItsReadReturnedLeavesTheNextSocketsAlone) {
  net::io_context ioc{1};
  Socket timed_out(ioc), its_peer(ioc);
  net::local::connect_pair(timed_out, its_peer);
  Read abandoned;
  {
    SocketDeadline deadline(timed_out);
    deadline.expires_after(5ms);
    abandoned.start(timed_out);
    run_until(ioc, abandoned);
    ASSERT_TRUE(deadline.expired());
  }
  ASSERT_TRUE(abandoned.result.has_value());
  timed_out.close();

  Socket next(ioc), next_peer(ioc);
  net::local::connect_pair(next, next_peer);
  send_byte(next_peer, 'c');
  send_byte(next, 'd');
  Read on_next, on_next_peer;
  on_next.start(next);
  on_next_peer.start(next_peer);
  run_until(ioc, on_next);
  run_until(ioc, on_next_peer);
  expect_read_byte(on_next, 'c');
  expect_read_byte(on_next_peer, 'd');
}

}  // namespace
}  // namespace faultbox
