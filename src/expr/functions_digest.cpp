// Digest and identity functions: md5, sha1, sha256, sha512 (hex of the UTF-8 bytes),
// base64sha256, base64sha512 (base64 of the raw digest) and uuid (a random version 4 UUID).
#include <openssl/evp.h>

#include <array>

#include "core/uuid.h"
#include "expr/base64.h"
#include "expr/function_args.h"
#include "expr/functions.h"

namespace faultbox::expr {
namespace {

// The raw digest of text under the named OpenSSL algorithm.
Result<std::string> digest(const EVP_MD* md, const std::string& text) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int len = 0;
  if (md == nullptr || EVP_Digest(text.data(), text.size(), out.data(), &len, md, nullptr) != 1) {
    return errors::internal("the digest could not be computed");
  }
  return std::string(reinterpret_cast<const char*>(out.data()), len);
}

std::string hex(const std::string& bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += kHex[c >> 4];
    out += kHex[c & 0xF];
  }
  return out;
}

Function hex_digest(const EVP_MD* (*algorithm)()) {
  return {.min_args = 1,
          .max_args = 1,
          .eager = [algorithm](const Args& a, const CallContext&) -> Result<Value> {
            FAULTBOX_TRY(text, fn::str(a, 0));
            FAULTBOX_TRY(raw, digest(algorithm(), text));
            return Value::string(hex(raw));
          }};
}

Function base64_digest(const EVP_MD* (*algorithm)()) {
  return {.min_args = 1,
          .max_args = 1,
          .eager = [algorithm](const Args& a, const CallContext&) -> Result<Value> {
            FAULTBOX_TRY(text, fn::str(a, 0));
            FAULTBOX_TRY(raw, digest(algorithm(), text));
            return Value::string(base64_encode(raw));
          }};
}

Result<Value> uuid(const Args&, const CallContext& ctx) {
  if (ctx.functions->planning()) {
    return Value::unknown();
  }
  return Value::string(random_uuid());
}

}  // namespace

void register_digest_functions(FunctionRegistry& r) {
  r.add("md5", hex_digest(EVP_md5));
  r.add("sha1", hex_digest(EVP_sha1));
  r.add("sha256", hex_digest(EVP_sha256));
  r.add("sha512", hex_digest(EVP_sha512));
  r.add("base64sha256", base64_digest(EVP_sha256));
  r.add("base64sha512", base64_digest(EVP_sha512));
  r.add("uuid", {.min_args = 0, .max_args = 0, .eager = uuid});
}

}  // namespace faultbox::expr
