// The `instance_market_options` block of aws_instance and aws_launch_template: market_type
// "spot" makes spot instances, and spot_options.instance_interruption_behavior says what an
// interruption does ("terminate", the default; "stop"; "hibernate", which the lab does as a stop).
#pragma once

#include "cloud/value_reader.h"
#include "compute/instance.h"
#include "core/result.h"

namespace faultbox::cloud::resources {

Result<compute::MarketOptions> market_options(const ValueReader& r);

}  // namespace faultbox::cloud::resources
