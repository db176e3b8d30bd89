#include "net/peer_socket.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

namespace faultbox::net {
namespace {

using boost::asio::ip::tcp;

TcpEnds ends_seen_by(const tcp::socket& accepted) {
  return {accepted.remote_endpoint().address().to_string(), accepted.remote_endpoint().port(),
          accepted.local_endpoint().address().to_string(), accepted.local_endpoint().port()};
}

std::uint64_t inode_of(tcp::socket& socket) {
  struct stat info {};
  EXPECT_EQ(fstat(socket.native_handle(), &info), 0);
  return info.st_ino;
}

// Two callers from the same address: each connection names its own caller's socket, so a
// process that binds another's address is not taken for it.
TEST(PeerSocket, IsTheCallersOwnSocketForEachConnection) {
  boost::asio::io_context io;
  tcp::acceptor acceptor(io, tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  tcp::socket first(io), second(io);
  first.connect(acceptor.local_endpoint());
  second.open(tcp::v4());
  second.bind(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  second.connect(acceptor.local_endpoint());
  auto accepted_first = acceptor.accept();
  auto accepted_second = acceptor.accept();

  auto found_first = peer_socket(ends_seen_by(accepted_first));
  auto found_second = peer_socket(ends_seen_by(accepted_second));
  ASSERT_TRUE(found_first) << found_first.error().message;
  ASSERT_TRUE(found_second) << found_second.error().message;
  EXPECT_EQ(found_first->inode, inode_of(first));
  EXPECT_EQ(found_second->inode, inode_of(second));
  EXPECT_NE(found_first->inode, inode_of(accepted_first));  // the caller's end, not the lab's
  EXPECT_EQ(found_first->uid, geteuid());
}

TEST(PeerSocket, SaysWhenThereIsNoSuchConnection) {
  auto none = peer_socket({"127.0.0.1", 1, "127.0.0.1", 2});
  ASSERT_FALSE(none);
  EXPECT_TRUE(connection_gone(none.error())) << none.error().message;
  auto bad = peer_socket({"not an address", 1, "127.0.0.1", 2});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("not an address"), std::string::npos);
  EXPECT_FALSE(connection_gone(bad.error()));
}

}  // namespace
}  // namespace faultbox::net
