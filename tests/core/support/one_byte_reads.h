// One-byte reads on local socket pairs, for the tests of cancelled and timed-out operations.
#pragma once

#include <gtest/gtest.h>

#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/write.hpp>
#include <optional>

namespace faultbox::testing {

using LocalSocket = boost::asio::local::stream_protocol::socket;

// A read of one byte; `result` is set when it returns.
struct OneByteRead {
  char byte = 0;
  std::optional<boost::system::error_code> result;
  void start(LocalSocket& socket) {
    socket.async_read_some(boost::asio::buffer(&byte, 1),
                           [this](boost::system::error_code ec, std::size_t) { result = ec; });
  }
};

inline void send_byte(LocalSocket& socket, char byte) {
  boost::asio::write(socket, boost::asio::buffer(&byte, 1));
}

// The read returned without an error, with `expected`.
inline void expect_read_byte(const OneByteRead& read, char expected) {
  ASSERT_TRUE(read.result.has_value()) << "the read never returned";
  EXPECT_FALSE(*read.result) << read.result->message();
  EXPECT_EQ(read.byte, expected);
}

}  // namespace faultbox::testing
