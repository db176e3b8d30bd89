// A socket's deadline: once passed, the socket's pending operations return at once and the
// socket can then be closed safely, also with Asio 1.81's io_uring backend, where a socket closed
// with a read in the kernel hands that read the next socket's descriptor and data.
#include "core/socket_deadline.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/connect_pair.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <optional>

namespace faultbox {
namespace {

namespace net = boost::asio;
using Socket = net::local::stream_protocol::socket;
using namespace std::chrono_literals;

struct Read {
  char byte = 0;
  std::optional<boost::system::error_code> result;
  void start(Socket& socket) {
    socket.async_read_some(net::buffer(&byte, 1),
                           [this](boost::system::error_code ec, std::size_t) { result = ec; });
  }
};

void send_byte(Socket& socket, char byte) { net::write(socket, net::buffer(&byte, 1)); }

// Runs the context until `read` is done, or 5 s at most.
void run_until(net::io_context& ioc, const Read& read) {
  ioc.restart();
  const auto give_up = std::chrono::steady_clock::now() + 5s;
  while (!read.result && std::chrono::steady_clock::now() < give_up) {
    ioc.run_one_for(100ms);
  }
}

TEST(SocketDeadline, EndsAWaitingReadOncePassed) {
  net::io_context ioc{1};
  Socket mine(ioc), theirs(ioc);
  net::local::connect_pair(mine, theirs);
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

TEST(SocketDeadline, MovedOrDisarmedItLeavesTheSocketAlone) {
  net::io_context ioc{1};
  Socket mine(ioc), theirs(ioc);
  net::local::connect_pair(mine, theirs);
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
  ASSERT_TRUE(first.result.has_value());
  EXPECT_FALSE(*first.result);
  EXPECT_EQ(first.byte, 'a');
}

TEST(SocketDeadline, DestroyedBeforeItsTimeItLeavesTheSocketAlone) {
  net::io_context ioc{1};
  Socket mine(ioc), theirs(ioc);
  net::local::connect_pair(mine, theirs);
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
  ASSERT_TRUE(read.result.has_value());
  EXPECT_FALSE(*read.result);
  EXPECT_EQ(read.byte, 'b');
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
  ASSERT_TRUE(on_next.result.has_value()) << "the new socket's read never ran";
  EXPECT_FALSE(*on_next.result) << on_next.result->message();
  EXPECT_EQ(on_next.byte, 'c');
  ASSERT_TRUE(on_next_peer.result.has_value()) << "the new socket's read never ran";
  EXPECT_FALSE(*on_next_peer.result) << on_next_peer.result->message();
  EXPECT_EQ(on_next_peer.byte, 'd');
}

}  // namespace
}  // namespace faultbox
