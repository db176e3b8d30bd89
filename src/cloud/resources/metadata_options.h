// The `metadata_options` block of aws_instance and aws_launch_template: the lab reads
// instance_metadata_tags (whether IMDS serves the instance's tags, off unless "enabled").
#pragma once

#include "cloud/value_reader.h"
#include "core/result.h"

namespace faultbox::cloud::resources {

Result<bool> metadata_tags_enabled(const ValueReader& r);

}  // namespace faultbox::cloud::resources
