#include "cloud/resources/metadata_options.h"

namespace faultbox::cloud::resources {

Result<bool> metadata_tags_enabled(const ValueReader& r) {
  bool enabled = false;
  for (const auto& block : r.blocks("metadata_options")) {
    FAULTBOX_TRY(tags, block.string("instance_metadata_tags", "disabled"));
    if (tags != "enabled" && tags != "disabled") {
      return errors::validation(block.where() + ": instance_metadata_tags must be \"enabled\" or "
                                                "\"disabled\", not \"" + tags + "\"");
    }
    enabled = tags == "enabled";
  }
  return enabled;
}

}  // namespace faultbox::cloud::resources
