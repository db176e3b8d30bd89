// A stack's configuration file in JSON syntax (main.tf.json; .tf files reach the lab converted to
// it): decoded and loaded into blocks as a posted stack is. Errors are fine; crashes, hangs and
// exceptions are not.
#include <cstddef>
#include <cstdint>
#include <string>

#include "stack/config_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)faultbox::stack::load_config({{"main.tf.json", text}});
  return 0;
}
