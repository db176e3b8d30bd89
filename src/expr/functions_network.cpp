// CIDR arithmetic on IPv4 and IPv6 prefixes: cidrsubnet, cidrsubnets, cidrhost, cidrnetmask
// (IPv4 only, as in Terraform). Addresses are held in 128 bits; an IPv4 prefix uses the low 32.
#include <arpa/inet.h>

#include <cstdint>
#include <cstdio>
#include <cstring>

#include "expr/function_args.h"
#include "expr/functions.h"

namespace faultbox::expr {
namespace {

__extension__ typedef unsigned __int128 Address;

struct Cidr {
  Address base = 0;  // network address (host bits cleared)
  int length = 0;
  int bits = 32;  // 32 for IPv4, 128 for IPv6
};

// The network mask of a /length prefix in an address of `bits` bits.
Address mask_of(int length, int bits) {
  Address all = bits == 128 ? ~Address{0} : (Address{1} << bits) - 1;
  return length == 0 ? 0 : (all << (bits - length)) & all;
}

std::string text_of(Address a, int bits) {
  char out[INET6_ADDRSTRLEN] = {};
  if (bits == 32) {
    auto v = static_cast<std::uint32_t>(a);
    return std::to_string(v >> 24) + "." + std::to_string((v >> 16) & 255) + "." +
           std::to_string((v >> 8) & 255) + "." + std::to_string(v & 255);
  }
  unsigned char bytes[16];
  for (int i = 15; i >= 0; --i) {
    bytes[i] = static_cast<unsigned char>(a & 0xFF);
    a >>= 8;
  }
  inet_ntop(AF_INET6, bytes, out, sizeof out);
  return out;
}

Result<Cidr> parse_cidr(const std::string& text) {
  auto bad = [&]() {
    return errors::validation("invalid CIDR address \"" + text +
                              "\" (expected a.b.c.d/n or an "
                              "IPv6 prefix like fd00::/56)");
  };
  auto slash = text.find('/');
  if (slash == std::string::npos || slash + 1 >= text.size()) {
    return bad();
  }
  std::string address = text.substr(0, slash);
  int length = -1;
  char tail = 0;
  if (std::sscanf(text.c_str() + slash + 1, "%d%c", &length, &tail) != 1 || length < 0) {
    return bad();
  }
  if (address.find(':') != std::string::npos) {
    unsigned char bytes[16];
    if (length > 128 || inet_pton(AF_INET6, address.c_str(), bytes) != 1) {
      return bad();
    }
    Address a = 0;
    for (unsigned char b : bytes) {
      a = a << 8 | b;
    }
    return Cidr{a & mask_of(length, 128), length, 128};
  }
  // Octets with leading zeros read as decimal, as Terraform reads them.
  unsigned parts[4];
  if (std::sscanf(address.c_str(), "%u.%u.%u.%u%c", &parts[0], &parts[1], &parts[2], &parts[3],
                  &tail) != 4 ||
      length > 32 || parts[0] > 255 || parts[1] > 255 || parts[2] > 255 || parts[3] > 255) {
    return bad();
  }
  Address a = Address{parts[0]} << 24 | Address{parts[1]} << 16 | Address{parts[2]} << 8 |
              Address{parts[3]};
  return Cidr{a & mask_of(length, 32), length, 32};
}

Result<Value> cidrsubnet(const Args& a, const CallContext&) {
  FAULTBOX_TRY(prefix, fn::str(a, 0));
  FAULTBOX_TRY(newbits, fn::integer(a, 1));
  FAULTBOX_TRY(netnum, fn::integer(a, 2));
  FAULTBOX_TRY(cidr, parse_cidr(prefix));
  long long length = cidr.length + newbits;
  if (newbits < 0 || length > cidr.bits) {
    return errors::validation("cannot add " + std::to_string(newbits) + " bits to the /" +
                              std::to_string(cidr.length) + " prefix " + prefix);
  }
  if (netnum < 0 || (newbits < 63 && netnum >= (1LL << newbits))) {
    return errors::validation("network number " + std::to_string(netnum) + " does not fit in " +
                              std::to_string(newbits) + " bits");
  }
  auto shift = static_cast<int>(cidr.bits - length);
  Address net = cidr.base | (shift >= 128 ? 0 : static_cast<Address>(netnum) << shift);
  return Value::string(text_of(net, cidr.bits) + "/" + std::to_string(length));
}

// Each new prefix starts at the first address after the previous one, aligned to its size.
Result<Value> cidrsubnets(const Args& a, const CallContext&) {
  FAULTBOX_TRY(prefix, fn::str(a, 0));
  FAULTBOX_TRY(cidr, parse_cidr(prefix));
  if (cidr.bits == 128 && cidr.length == 0) {
    return errors::validation("a /0 IPv6 prefix cannot be divided here");
  }
  Address next = cidr.base;
  Address limit = cidr.base + (Address{1} << (cidr.bits - cidr.length));
  Value::Elements out;
  for (size_t i = 1; i < a.size(); ++i) {
    FAULTBOX_TRY(newbits, fn::integer(a, i));
    long long length = cidr.length + newbits;
    if (newbits < 1 || length > cidr.bits) {
      return fn::bad_arg(i, "adds " + std::to_string(newbits) + " bits to a /" +
                                std::to_string(cidr.length) + " prefix");
    }
    Address size = Address{1} << (cidr.bits - length);
    next = (next + size - 1) / size * size;
    if (next + size > limit || next + size < next) {
      return errors::validation("not enough room in " + prefix + " for all the subnets");
    }
    out.push_back(Value::string(text_of(next, cidr.bits) + "/" + std::to_string(length)));
    next += size;
  }
  return Value::list(std::move(out));
}

Result<Value> cidrhost(const Args& a, const CallContext&) {
  FAULTBOX_TRY(prefix, fn::str(a, 0));
  FAULTBOX_TRY(hostnum, fn::integer(a, 1));
  FAULTBOX_TRY(cidr, parse_cidr(prefix));
  int host_bits = cidr.bits - cidr.length;
  bool fits = host_bits >= 63 ||
              (hostnum < 0 ? -hostnum <= (1LL << host_bits) : hostnum < (1LL << host_bits));
  if (!fits) {
    return errors::validation("host number " + std::to_string(hostnum) + " is outside " + prefix);
  }
  Address size = host_bits >= 128 ? 0 : Address{1} << host_bits;
  Address offset =
      hostnum < 0 ? size - static_cast<Address>(-hostnum) : static_cast<Address>(hostnum);
  return Value::string(text_of(cidr.base + offset, cidr.bits));
}

Result<Value> cidrnetmask(const Args& a, const CallContext&) {
  FAULTBOX_TRY(prefix, fn::str(a, 0));
  FAULTBOX_TRY(cidr, parse_cidr(prefix));
  if (cidr.bits != 32) {
    return errors::validation("only IPv4 prefixes have a netmask");
  }
  return Value::string(text_of(mask_of(cidr.length, 32), 32));
}

}  // namespace

void register_network_functions(FunctionRegistry& r) {
  r.add("cidrsubnet", {.min_args = 3, .max_args = 3, .eager = cidrsubnet});
  r.add("cidrsubnets", {.min_args = 1, .eager = cidrsubnets});
  r.add("cidrhost", {.min_args = 2, .max_args = 2, .eager = cidrhost});
  r.add("cidrnetmask", {.min_args = 1, .max_args = 1, .eager = cidrnetmask});
}

}  // namespace faultbox::expr
