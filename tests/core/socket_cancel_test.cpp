// Cancelling one socket's read leaves every other socket's operations alone, in both socket
// backends. Asio 1.81's io_uring backend needs help for that (src/core/event_loop_ring.cpp): the
// test wraps the ring first, so that its entries hold old operations' user data. (Closing a
// socket while its read is in the kernel is not safe there at all: see core/socket_deadline.h.)
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

// More submissions than Asio's ring has entries (16,384), so every entry has been used.
constexpr int kRounds = 16384 + 256;

using testing::expect_read_byte;
using testing::send_byte;
using Read = testing::OneByteRead;

// Reads on `reader`, one byte each, until the ring's entries have all been used for them. Polled:
// a wait with a timeout would put entries of its own in the ring.
void wrap_the_ring(net::io_context& ioc, Socket& reader, Socket& writer) {
  const auto give_up = std::chrono::steady_clock::now() + 20s;
  for (int i = 0; i < kRounds; ++i) {
    send_byte(writer, 'x');
    Read read;
    read.start(reader);
    while (!read.result) {
      ASSERT_LT(std::chrono::steady_clock::now(), give_up) << "round " << i;
      ioc.restart();
      ioc.poll();
    }
    ASSERT_FALSE(*read.result) << read.result->message();
  }
}

// Lets the cancelled operations and anything wrongly completed by them run. A wait with a
// timeout: its timeout's removal is one more entry that Asio 1.81 sends without user data.
void settle(net::io_context& ioc) {
  ioc.restart();
  ioc.run_for(200ms);
}

TEST(SocketCancel, CancellingAReadLeavesAnotherSocketsReadWaiting) {
  net::io_context ioc{1};
  Socket cancelled(ioc), its_peer(ioc), waiting(ioc), waiting_peer(ioc);
  net::local::connect_pair(cancelled, its_peer);
  net::local::connect_pair(waiting, waiting_peer);
  wrap_the_ring(ioc, waiting, waiting_peer);

  Read idle_read, cancelled_read;
  idle_read.start(waiting);
  cancelled_read.start(cancelled);
  ioc.restart();
  ioc.poll();  // both reads are now in the kernel
  cancelled.cancel();
  settle(ioc);

  ASSERT_TRUE(cancelled_read.result.has_value());
  EXPECT_EQ(*cancelled_read.result, net::error::operation_aborted);
  // Nothing was sent to `waiting`: its read must still be waiting, not ended (end of file).
  EXPECT_FALSE(idle_read.result.has_value())
      << "the other read ended: " << idle_read.result->message();

  send_byte(waiting_peer, 'y');
  ioc.restart();
  ioc.run_for(2s);
  expect_read_byte(idle_read, 'y');
}

}  // namespace
}  // namespace faultbox
