// IPv4 CIDR arithmetic: cidrsubnet, cidrsubnets, cidrhost, cidrnetmask.
#include <cstdint>
#include <cstdio>

#include "expr/function_args.h"
#include "expr/functions.h"

namespace faultbox::expr {
namespace {

struct Cidr {
  std::uint32_t base = 0;  // network address (host bits cleared)
  int length = 0;
};

std::uint32_t mask_of(int length) { return length == 0 ? 0 : ~std::uint32_t{0} << (32 - length); }

std::string dotted(std::uint32_t a) {
  return std::to_string(a >> 24) + "." + std::to_string((a >> 16) & 255) + "." +
         std::to_string((a >> 8) & 255) + "." + std::to_string(a & 255);
}

Result<Cidr> parse_cidr(const std::string& text) {
  unsigned parts[4];
  int length = -1;
  char tail = 0;
  int got = std::sscanf(text.c_str(), "%u.%u.%u.%u/%d%c", &parts[0], &parts[1], &parts[2],
                        &parts[3], &length, &tail);
  if (got != 5 || length < 0 || length > 32 || parts[0] > 255 || parts[1] > 255 || parts[2] > 255 ||
      parts[3] > 255) {
    return errors::validation("invalid CIDR address \"" + text +
                              "\" (only IPv4 a.b.c.d/n is supported)");
  }
  std::uint32_t addr = parts[0] << 24 | parts[1] << 16 | parts[2] << 8 | parts[3];
  return Cidr{addr & mask_of(length), length};
}

Result<Value> cidrsubnet(const Args& a, const CallContext&) {
  FAULTBOX_TRY(prefix, fn::str(a, 0));
  FAULTBOX_TRY(newbits, fn::integer(a, 1));
  FAULTBOX_TRY(netnum, fn::integer(a, 2));
  FAULTBOX_TRY(cidr, parse_cidr(prefix));
  long long length = cidr.length + newbits;
  if (newbits < 0 || length > 32) {
    return errors::validation("cannot add " + std::to_string(newbits) + " bits to the /" +
                              std::to_string(cidr.length) + " prefix " + prefix);
  }
  if (netnum < 0 || netnum >= (1LL << newbits)) {
    return errors::validation("network number " + std::to_string(netnum) + " does not fit in " +
                              std::to_string(newbits) + " bits");
  }
  auto shift = static_cast<int>(32 - length);
  std::uint32_t net = cidr.base | (shift >= 32 ? 0 : static_cast<std::uint32_t>(netnum) << shift);
  return Value::string(dotted(net) + "/" + std::to_string(length));
}

// Each new prefix starts at the first address after the previous one, aligned to its size.
Result<Value> cidrsubnets(const Args& a, const CallContext&) {
  FAULTBOX_TRY(prefix, fn::str(a, 0));
  FAULTBOX_TRY(cidr, parse_cidr(prefix));
  std::uint64_t next = cidr.base;
  std::uint64_t limit = std::uint64_t{cidr.base} + (std::uint64_t{1} << (32 - cidr.length));
  Value::Elements out;
  for (size_t i = 1; i < a.size(); ++i) {
    FAULTBOX_TRY(newbits, fn::integer(a, i));
    long long length = cidr.length + newbits;
    if (newbits < 1 || length > 32) {
      return fn::bad_arg(i, "adds " + std::to_string(newbits) + " bits to a /" +
                                std::to_string(cidr.length) + " prefix");
    }
    std::uint64_t size = std::uint64_t{1} << (32 - length);
    next = (next + size - 1) / size * size;
    if (next + size > limit) {
      return errors::validation("not enough room in " + prefix + " for all the subnets");
    }
    out.push_back(
        Value::string(dotted(static_cast<std::uint32_t>(next)) + "/" + std::to_string(length)));
    next += size;
  }
  return Value::list(std::move(out));
}

Result<Value> cidrhost(const Args& a, const CallContext&) {
  FAULTBOX_TRY(prefix, fn::str(a, 0));
  FAULTBOX_TRY(hostnum, fn::integer(a, 1));
  FAULTBOX_TRY(cidr, parse_cidr(prefix));
  long long hosts = 1LL << (32 - cidr.length);
  long long index = hostnum < 0 ? hosts + hostnum : hostnum;
  if (index < 0 || index >= hosts) {
    return errors::validation("host number " + std::to_string(hostnum) + " is outside " + prefix);
  }
  return Value::string(dotted(cidr.base + static_cast<std::uint32_t>(index)));
}

Result<Value> cidrnetmask(const Args& a, const CallContext&) {
  FAULTBOX_TRY(prefix, fn::str(a, 0));
  FAULTBOX_TRY(cidr, parse_cidr(prefix));
  return Value::string(dotted(mask_of(cidr.length)));
}

}  // namespace

void register_network_functions(FunctionRegistry& r) {
  r.add("cidrsubnet", {.min_args = 3, .max_args = 3, .eager = cidrsubnet});
  r.add("cidrsubnets", {.min_args = 1, .eager = cidrsubnets});
  r.add("cidrhost", {.min_args = 2, .max_args = 2, .eager = cidrhost});
  r.add("cidrnetmask", {.min_args = 1, .max_args = 1, .eager = cidrnetmask});
}

}  // namespace faultbox::expr
