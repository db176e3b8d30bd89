// Loaded into every program of an instance (LD_PRELOAD) so that 169.254.169.254:80, the EC2
// metadata address, reaches the lab's IMDS: the connection goes to FAULTBOX_IMDS_ADDRESS instead,
// from the instance's own address (FAULTBOX_INSTANCE_ADDRESS), which tells the lab who asks.
// The request itself is unchanged, so tools see exactly what EC2 would answer.
#include <arpa/inet.h>
#include <dlfcn.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdlib>
#include <cstring>

namespace {

using ConnectFn = int (*)(int, const sockaddr*, socklen_t);
constexpr in_addr_t kMetadataAddress = 0xA9FEA9FE;  // 169.254.169.254
constexpr in_port_t kMetadataPort = 80;

bool parse_endpoint(const char* text, sockaddr_in& out) {
  if (text == nullptr) return false;
  const char* colon = std::strrchr(text, ':');
  if (colon == nullptr || colon - text >= 64) return false;
  char host[64];
  std::memcpy(host, text, static_cast<size_t>(colon - text));
  host[colon - text] = '\0';
  std::memset(&out, 0, sizeof out);
  out.sin_family = AF_INET;
  out.sin_port = htons(static_cast<in_port_t>(std::atoi(colon + 1)));
  return inet_pton(AF_INET, host, &out.sin_addr) == 1;
}

bool is_metadata(const sockaddr* addr, socklen_t len) {
  if (addr == nullptr || addr->sa_family != AF_INET || len < sizeof(sockaddr_in)) return false;
  const auto* in = reinterpret_cast<const sockaddr_in*>(addr);
  return in->sin_addr.s_addr == htonl(kMetadataAddress) && in->sin_port == htons(kMetadataPort);
}

}  // namespace

extern "C" int connect(int fd, const sockaddr* addr, socklen_t len) {
  static const auto real = reinterpret_cast<ConnectFn>(dlsym(RTLD_NEXT, "connect"));
  sockaddr_in lab{};
  if (is_metadata(addr, len) && parse_endpoint(std::getenv("FAULTBOX_IMDS_ADDRESS"), lab)) {
    sockaddr_in self{};
    const char* own = std::getenv("FAULTBOX_INSTANCE_ADDRESS");
    if (own != nullptr && inet_pton(AF_INET, own, &self.sin_addr) == 1) {
      self.sin_family = AF_INET;
      // Fails harmlessly when the program bound the socket itself.
      bind(fd, reinterpret_cast<const sockaddr*>(&self), sizeof self);
    }
    return real(fd, reinterpret_cast<const sockaddr*>(&lab), sizeof lab);
  }
  return real(fd, addr, len);
}
