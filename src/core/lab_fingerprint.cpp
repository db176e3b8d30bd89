#include "core/lab_fingerprint.h"

#include "core/digest.h"

namespace faultbox {

std::string lab_fingerprint(const std::filesystem::path& data_dir) {
  return hex_digest(DigestAlgorithm::Sha256, data_dir.lexically_normal().string()).substr(0, 12);
}

}  // namespace faultbox
