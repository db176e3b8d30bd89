// Message digests (OpenSSL's) and their hex and base64 spellings, for everything that names bytes
// by their hash: S3's ETags, Terraform's digest functions, archive_file's outputs, Lambda's
// CodeSha256.
#pragma once

#include <string>
#include <string_view>

namespace faultbox {

enum class DigestAlgorithm { Md5, Sha1, Sha256, Sha512 };

// The raw digest of `bytes`.
std::string digest(DigestAlgorithm algorithm, std::string_view bytes);
// The raw HMAC-SHA256 of `data` under `key` (SigV4's signing chain).
std::string hmac_sha256(std::string_view key, std::string_view data);
// Lowercase hex of raw bytes.
std::string hex_encode(std::string_view raw);
// The two spellings AWS and Terraform use: hex, and base64 of the raw digest.
std::string hex_digest(DigestAlgorithm algorithm, std::string_view bytes);
std::string base64_digest(DigestAlgorithm algorithm, std::string_view bytes);

}  // namespace faultbox
