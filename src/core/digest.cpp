#include "core/digest.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>

#include "core/base64.h"

namespace faultbox {

namespace {
const EVP_MD* md_of(DigestAlgorithm algorithm) {
  switch (algorithm) {
    case DigestAlgorithm::Md5:
      return EVP_md5();
    case DigestAlgorithm::Sha1:
      return EVP_sha1();
    case DigestAlgorithm::Sha256:
      return EVP_sha256();
    case DigestAlgorithm::Sha512:
      return EVP_sha512();
  }
  return EVP_sha256();
}
}  // namespace

std::string digest(DigestAlgorithm algorithm, std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int len = 0;
  // EVP_Digest fails only when the library cannot allocate; an empty digest then shows it.
  if (EVP_Digest(bytes.data(), bytes.size(), out.data(), &len, md_of(algorithm), nullptr) != 1) {
    return {};
  }
  return std::string(reinterpret_cast<const char*>(out.data()), len);
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int len = 0;
  // As digest(): an empty result shows the library could not allocate.
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(data.data()), data.size(), out.data(),
           &len) == nullptr) {
    return {};
  }
  return std::string(reinterpret_cast<const char*>(out.data()), len);
}

std::string hex_encode(std::string_view raw) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(raw.size() * 2);
  for (unsigned char c : raw) {
    out += kHex[c >> 4];
    out += kHex[c & 0xF];
  }
  return out;
}

std::string hex_digest(DigestAlgorithm algorithm, std::string_view bytes) {
  return hex_encode(digest(algorithm, bytes));
}

std::string base64_digest(DigestAlgorithm algorithm, std::string_view bytes) {
  return base64_encode(digest(algorithm, bytes));
}

}  // namespace faultbox
