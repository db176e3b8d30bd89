// FIS experiment templates as CreateExperimentTemplate and UpdateExperimentTemplate bodies bring
// them: read as the lab reads every outside document (core/json_text), parsed, written back and
// updated. Errors are fine; crashes, hangs and exceptions are not.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/json_text.h"
#include "fis/experiment_template.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace faultbox;
  auto body = parse_json(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
  if (!body) return 0;
  auto created = fis::parse_create_template(*body);
  if (created) (void)json_text(fis::to_json(*created));
  auto update = fis::parse_template_update(*body);
  if (created && update) {
    (void)json_text(fis::to_json(fis::apply_update(*created, *update, TimePoint{})));
  }
  return 0;
}
