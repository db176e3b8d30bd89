// Variable files (-var-file, terraform.tfvars and .tfvars.json) as users pass them: parsed in both
// forms. Errors are fine; crashes, hangs and exceptions are not.
#include <cstddef>
#include <cstdint>
#include <string>

#include "stack/tfvars.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)faultbox::stack::parse_var_file(text, "fuzz.tfvars");
  (void)faultbox::stack::parse_var_file(text, "fuzz.tfvars.json");
  return 0;
}
