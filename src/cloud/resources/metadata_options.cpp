#include "cloud/resources/metadata_options.h"

namespace faultbox::cloud::resources {

namespace {
// One of two words, or a ValidationException naming the block and the value.
Result<bool> either(const ValueReader& block, const std::string& key, const std::string& yes,
                    const std::string& no) {
  FAULTBOX_TRY(value, block.string(key, no));
  if (value != yes && value != no) {
    return errors::validation(block.where() + ": " + key + " must be \"" + yes + "\" or \"" + no +
                              "\", not \"" + value + "\"");
  }
  return value == yes;
}
}  // namespace

Result<compute::MetadataOptions> metadata_options(const ValueReader& r) {
  compute::MetadataOptions options;
  for (const auto& block : r.blocks("metadata_options")) {
    FAULTBOX_TRY(tags, either(block, "instance_metadata_tags", "enabled", "disabled"));
    FAULTBOX_TRY(tokens, either(block, "http_tokens", "required", "optional"));
    options = {tags, tokens};
  }
  return options;
}

}  // namespace faultbox::cloud::resources
