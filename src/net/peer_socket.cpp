#include "net/peer_socket.h"

#include <arpa/inet.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <boost/asio/ip/address.hpp>
#include <cerrno>
#include <cstring>

namespace faultbox::net {

namespace {

// Closes the netlink socket on every path.
struct OwnedFd {
  int fd;
  ~OwnedFd() {
    if (fd >= 0) ::close(fd);
  }
};

constexpr const char* kGone = "no such connection";

Error failure(const std::string& what) {
  return errors::internal("cannot ask the kernel which socket calls the lab: " + what);
}

// Fills the address words of the request from one address of the connection.
Result<void> put_address(const std::string& text, std::uint8_t family, __be32 (&words)[4]) {
  boost::system::error_code ec;
  auto address = boost::asio::ip::make_address(text, ec);
  if (ec) return failure("\"" + text + "\" is not an address");
  if (family == AF_INET) {
    const auto bytes = address.to_v4().to_bytes();
    std::memcpy(&words[0], bytes.data(), bytes.size());
  } else {
    const auto bytes = address.to_v6().to_bytes();
    std::memcpy(words, bytes.data(), bytes.size());
  }
  return {};
}

}  // namespace

TcpEnds ends_of(const HttpRequest& request) {
  return {request.remote_address, request.remote_port, request.local_address, request.local_port};
}

Result<PeerSocket> peer_socket(const TcpEnds& ends) {
  boost::system::error_code ec;
  const auto remote = boost::asio::ip::make_address(ends.remote_address, ec);
  if (ec) return failure("\"" + ends.remote_address + "\" is not an address");
  const std::uint8_t family = remote.is_v4() ? AF_INET : AF_INET6;

  struct {
    nlmsghdr header;
    inet_diag_req_v2 request;
  } message{};
  message.header.nlmsg_len = sizeof message;
  message.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
  message.header.nlmsg_flags = NLM_F_REQUEST;  // one socket by its four ends, not a dump
  auto& request = message.request;
  request.sdiag_family = family;
  request.sdiag_protocol = IPPROTO_TCP;
  request.idiag_states = ~0u;
  // Seen from the caller's socket: its own end is the source.
  request.id.idiag_sport = htons(ends.remote_port);
  request.id.idiag_dport = htons(ends.local_port);
  FAULTBOX_TRY_VOID(put_address(ends.remote_address, family, request.id.idiag_src));
  FAULTBOX_TRY_VOID(put_address(ends.local_address, family, request.id.idiag_dst));
  request.id.idiag_cookie[0] = INET_DIAG_NOCOOKIE;
  request.id.idiag_cookie[1] = INET_DIAG_NOCOOKIE;

  OwnedFd diag{::socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG)};
  if (diag.fd < 0) return failure(std::string("netlink: ") + std::strerror(errno));
  sockaddr_nl kernel{};
  kernel.nl_family = AF_NETLINK;
  if (::sendto(diag.fd, &message, sizeof message, 0, reinterpret_cast<sockaddr*>(&kernel),
               sizeof kernel) < 0) {
    return failure(std::string("sending: ") + std::strerror(errno));
  }
  alignas(nlmsghdr) std::array<char, 8192> answer{};
  const auto got = ::recv(diag.fd, answer.data(), answer.size(), 0);
  if (got < 0) return failure(std::string("receiving: ") + std::strerror(errno));
  auto length = static_cast<unsigned>(got);
  for (auto* header = reinterpret_cast<nlmsghdr*>(answer.data()); NLMSG_OK(header, length);
       header = NLMSG_NEXT(header, length)) {
    if (header->nlmsg_type == NLMSG_ERROR) {
      const auto* error = static_cast<const nlmsgerr*>(NLMSG_DATA(header));
      return failure(error->error == -ENOENT ? kGone : std::strerror(-error->error));
    }
    if (header->nlmsg_type == SOCK_DIAG_BY_FAMILY &&
        header->nlmsg_len >= NLMSG_LENGTH(sizeof(inet_diag_msg))) {
      const auto* found = static_cast<const inet_diag_msg*>(NLMSG_DATA(header));
      return PeerSocket{found->idiag_inode, found->idiag_uid};
    }
  }
  return failure("no answer about the connection");
}

bool connection_gone(const Error& failure) {
  return failure.message.ends_with(std::string(": ") + kGone);
}

}  // namespace faultbox::net
