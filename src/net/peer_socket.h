// Which socket on this machine is the other end of a TCP connection the lab accepted: asked of
// the kernel's socket diagnostics (NETLINK_SOCK_DIAG), which any user may ask about sockets in its
// own network namespace. The lab uses it to tell which process calls it, where the address a
// connection comes from proves nothing (any local process may bind any loopback address).
#pragma once

#include <cstdint>
#include <string>

#include "core/result.h"
#include "net/http_message.h"

namespace faultbox::net {

struct TcpEnds {
  std::string remote_address;  // the caller's, as the lab sees it
  std::uint16_t remote_port = 0;
  std::string local_address;  // the lab's
  std::uint16_t local_port = 0;
};

// The ends of the connection a request came on.
TcpEnds ends_of(const HttpRequest& request);

struct PeerSocket {
  std::uint64_t inode = 0;  // "socket:[<inode>]" in its process's /proc/<pid>/fd
  std::uint32_t uid = 0;    // the user whose process made it
};

// The caller's socket, or an error saying why the kernel could not tell (no such connection,
// diagnostics not available).
Result<PeerSocket> peer_socket(const TcpEnds& ends);

// True when peer_socket failed because the kernel knows no such connection (the caller is gone),
// rather than because it cannot be asked.
bool connection_gone(const Error& failure);

}  // namespace faultbox::net
