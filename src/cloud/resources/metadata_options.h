// The `metadata_options` block of aws_instance and aws_launch_template, as IMDS honours it:
// instance_metadata_tags ("enabled"/"disabled") and http_tokens ("required"/"optional").
#pragma once

#include "cloud/value_reader.h"
#include "compute/instance.h"
#include "core/result.h"

namespace faultbox::cloud::resources {

Result<compute::MetadataOptions> metadata_options(const ValueReader& r);

}  // namespace faultbox::cloud::resources
