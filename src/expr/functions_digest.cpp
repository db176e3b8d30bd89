// Digest and identity functions: md5, sha1, sha256, sha512 (hex of the UTF-8 bytes),
// base64sha256, base64sha512 (base64 of the raw digest) and uuid (a random version 4 UUID).
#include "core/digest.h"
#include "core/uuid.h"
#include "expr/function_args.h"
#include "expr/functions.h"

namespace faultbox::expr {
namespace {

Function hex_function(DigestAlgorithm algorithm) {
  return {.min_args = 1,
          .max_args = 1,
          .eager = [algorithm](const Args& a, const CallContext&) -> Result<Value> {
            FAULTBOX_TRY(text, fn::str(a, 0));
            return Value::string(hex_digest(algorithm, text));
          }};
}

Function base64_function(DigestAlgorithm algorithm) {
  return {.min_args = 1,
          .max_args = 1,
          .eager = [algorithm](const Args& a, const CallContext&) -> Result<Value> {
            FAULTBOX_TRY(text, fn::str(a, 0));
            return Value::string(base64_digest(algorithm, text));
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
  r.add("md5", hex_function(DigestAlgorithm::Md5));
  r.add("sha1", hex_function(DigestAlgorithm::Sha1));
  r.add("sha256", hex_function(DigestAlgorithm::Sha256));
  r.add("sha512", hex_function(DigestAlgorithm::Sha512));
  r.add("base64sha256", base64_function(DigestAlgorithm::Sha256));
  r.add("base64sha512", base64_function(DigestAlgorithm::Sha512));
  r.add("uuid", {.min_args = 0, .max_args = 0, .eager = uuid});
}

}  // namespace faultbox::expr
