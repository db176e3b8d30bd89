// Instance user data as cloud-init reads it (#cloud-config YAML: write_files, packages, runcmd,
// bootcmd). Errors are fine; crashes, hangs, exceptions and unbounded memory (YAML aliases) are
// not.
#include <cstddef>
#include <cstdint>
#include <string>

#include "image/cloud_config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (faultbox::image::is_cloud_config(text)) (void)faultbox::image::parse_cloud_config(text);
  (void)faultbox::image::parse_cloud_config("#cloud-config\n" + text);
  return 0;
}
